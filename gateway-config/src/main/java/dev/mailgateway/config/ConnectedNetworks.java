package dev.mailgateway.config;

import dev.mailgateway.api.Cidr;
import java.net.Inet6Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The networks of the host's interfaces that are up: what the image's AUTO_TRUST_NETWORKS
 * trusts, IPv6 included. Link-local IPv6 networks are left out, since Postfix cannot name their
 * scope in {@code mynetworks}.
 */
public final class ConnectedNetworks {

  private ConnectedNetworks() {}

  /**
   * Reads the interfaces now.
   *
   * @throws IllegalStateException when the interfaces cannot be read
   */
  public static List<Cidr> ofThisHost() {
    Set<Cidr> networks = new LinkedHashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp()) {
          continue;
        }
        for (InterfaceAddress address : nic.getInterfaceAddresses()) {
          if (address.getAddress() instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
            continue;
          }
          networks.add(Cidr.networkOf(address.getAddress(), address.getNetworkPrefixLength()));
        }
      }
    } catch (SocketException e) {
      throw new IllegalStateException("cannot read the network interfaces: " + e.getMessage(), e);
    }
    return new ArrayList<>(networks);
  }
}
