package dev.mailgateway.runtime.receive;

import dev.mailgateway.api.Cidr;
import dev.mailgateway.api.Fqdn;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * May this client relay to this recipient? Postfix's {@code smtpd_relay_restrictions} as the
 * renderer writes them, as one pure function: {@code permit_mynetworks}, {@code
 * permit_tls_clientcerts}, {@code permit_tls_all_clientcerts}, {@code reject_unauth_destination}.
 *
 * <p>{@code reject_unauth_destination} permits mail to the relay domains and their subdomains
 * (Postfix's {@code parent_domain_matches_subdomains} includes {@code relay_domains}). Local
 * recipients (the local destinations, and address literals of the gateway's own addresses,
 * which Postfix treats as local) are refused for every client, since a gateway delivers nothing
 * locally ({@code local_transport = error:}). Sender-specified routing in the local part ({@code user%elsewhere@relay},
 * {@code "user@elsewhere"@relay}, {@code elsewhere!user@relay}) is refused for relay domains,
 * as Postfix's {@code allow_untrusted_routing = no} does.
 *
 * @param mynetworks the trusted networks in effect
 * @param relayDomains {@code relay_domains}
 * @param destinations {@code mydestination}
 * @param localAddresses the gateway's own addresses, as address literals name them
 */
public record RelayPermission(List<Cidr> mynetworks, List<Fqdn> relayDomains,
    List<Fqdn> destinations, Set<InetAddress> localAddresses) {

  /** Copies the parts. */
  public RelayPermission {
    mynetworks = List.copyOf(mynetworks);
    relayDomains = List.copyOf(relayDomains);
    destinations = List.copyOf(destinations);
    localAddresses = Set.copyOf(localAddresses);
  }

  /**
   * The decision for one recipient.
   *
   * @param client the client's address
   * @param certificate what the client's TLS certificate proves, if it showed one
   */
  public RelayDecision decide(InetAddress client, ClientCertificate certificate, Mailbox recipient) {
    boolean local = recipient.isAddressLiteral() ? isOwnAddress(recipient.domain())
        : destinations.stream().anyMatch(d -> recipient.domain().equals(d.name()));
    if (local && !recipient.hasRoutingInLocalPart()) {
      // A gateway stores no mail: Postfix's local_transport is error:, checked for every client.
      return RelayDecision.localDeliveryDisabled(recipient);
    }
    if (mynetworks.stream().anyMatch(network -> network.contains(client))) {
      return RelayDecision.permit("permit_mynetworks");
    }
    if (certificate.pinned()) {
      return RelayDecision.permit("permit_tls_clientcerts");
    }
    if (certificate.issuedByTrustedCa()) {
      return RelayDecision.permit("permit_tls_all_clientcerts");
    }
    if (recipient.hasRoutingInLocalPart() || recipient.isAddressLiteral()) {
      return RelayDecision.relayDenied(recipient);
    }
    if (relayDomains.stream().anyMatch(d -> recipient.isWithin(d.name()))) {
      return RelayDecision.permit("reject_unauth_destination: relay domain");
    }
    return RelayDecision.relayDenied(recipient);
  }

  private boolean isOwnAddress(String literal) {
    Cidr address = SmtpPath.literalAddress(literal);
    return localAddresses.stream().anyMatch(address::contains);
  }
}
