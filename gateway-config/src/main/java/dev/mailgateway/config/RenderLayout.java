package dev.mailgateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the rendered configuration will live and which local addresses its daemons use: the
 * system layout of a Debian host (or the image), or a private instance below one folder that
 * listens on a loopback address.
 *
 * @param postfixDirectory Postfix's {@code config_directory}
 * @param amavisDirectory Amavis's {@code conf.d} folder
 * @param opendkimDirectory OpenDKIM's folder
 * @param instanceRoot for a private instance, the folder that holds everything
 * @param smtpService the master.cf name of the public SMTP service: {@code smtp}, or {@code
 *     host:port}
 * @param contentFilterPort the port Amavis listens on, on 127.0.0.1
 * @param reinjectionPort the port of the smtpd that takes mail back from Amavis, on 127.0.0.1
 * @param milterPort the port OpenDKIM listens on, on 127.0.0.1
 */
public record RenderLayout(
    Path postfixDirectory,
    Path amavisDirectory,
    Path opendkimDirectory,
    Optional<Path> instanceRoot,
    String smtpService,
    int contentFilterPort,
    int reinjectionPort,
    int milterPort) {

  /**
   * Checks that each folder can be written into Postfix's lists ({@code transport_maps}, {@code
   * maillog_file_prefixes}) and OpenDKIM's settings, which white space and commas split and
   * where Postfix expands {@code $}.
   *
   * @throws IllegalArgumentException naming a folder whose path cannot
   */
  public RenderLayout {
    List<Path> folders = new ArrayList<>(List.of(postfixDirectory, amavisDirectory,
        opendkimDirectory));
    if (instanceRoot.isPresent()) {
      folders.add(instanceRoot.get());
    }
    for (Path folder : folders) {
      if (!isUnsplit(folder)) {
        throw new IllegalArgumentException("a folder of the layout is written into Postfix's"
            + " lists, so its path holds no white space, comma, $ or control character: '"
            + folder + "'");
      }
    }
  }

  private static boolean isUnsplit(Path folder) {
    return folder.toString().matches("[^\\s,$\\p{Cntrl}\\u0085\\u2028\\u2029]+");
  }

  /** The layout of a Debian host: {@code /etc/postfix}, {@code /etc/amavis/conf.d}, ports 25, 10024, 10025 and 8891. */
  public static RenderLayout system() {
    return new RenderLayout(Path.of("/etc/postfix"), Path.of("/etc/amavis/conf.d"),
        Path.of("/etc/opendkim"), Optional.empty(), "smtp", 10024, 10025, 8891);
  }

  /**
   * A private instance: every path below {@code root} ({@code postfix/}, {@code queue/}, {@code
   * data/}, {@code log/}, {@code amavis/conf.d/}, {@code opendkim/}), the SMTP service on a
   * loopback address, the re-injection service on the next port, so that {@code postfix -c
   * root/postfix start} runs beside any system Postfix without touching it.
   *
   * @throws IllegalArgumentException when the host is not a loopback address literal, the port
   *     is out of range or the folder's path holds what Postfix would split or expand
   */
  public static RenderLayout instance(Path root, String listenHost, int listenPort) {
    if (listenPort < 1 || listenPort > 65534) {
      throw new IllegalArgumentException("listen port " + listenPort + " is outside 1-65534");
    }
    String host = listenHost.startsWith("[") && listenHost.endsWith("]")
        ? listenHost.substring(1, listenHost.length() - 1) : listenHost;
    if (!isLoopbackLiteral(host)) {
      throw new IllegalArgumentException(
          "an instance listens on a loopback address (127.0.0.0/8 or ::1), not '" + listenHost + "'");
    }
    Path absolute = root.toAbsolutePath().normalize();
    if (!isUnsplit(absolute)) {
      // Said of the folder given rather than of the layout's folders below it.
      throw new IllegalArgumentException("an instance folder is written into Postfix's lists,"
          + " so its path holds no white space, comma, $ or control character: '" + absolute + "'");
    }
    String service = host.indexOf(':') >= 0 ? "[" + host + "]:" + listenPort : host + ":" + listenPort;
    return new RenderLayout(absolute.resolve("postfix"), absolute.resolve("amavis/conf.d"),
        absolute.resolve("opendkim"), Optional.of(absolute), service, 10024, listenPort + 1, 8891);
  }

  private static boolean isLoopbackLiteral(String host) {
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The same layout with other ports for Amavis's filter and OpenDKIM's milter. */
  public RenderLayout withServicePorts(int contentFilter, int milter) {
    return new RenderLayout(postfixDirectory, amavisDirectory, opendkimDirectory, instanceRoot,
        smtpService, contentFilter, reinjectionPort, milter);
  }

  /** The same layout with the re-injection service (Amavis's {@code $forward_method}) on another port. */
  public RenderLayout withReinjectionPort(int port) {
    return new RenderLayout(postfixDirectory, amavisDirectory, opendkimDirectory, instanceRoot,
        smtpService, contentFilterPort, port, milterPort);
  }

  /** The listen host of an instance ({@code inet_interfaces}), without brackets. */
  public Optional<String> listenHost() {
    return instanceRoot.map(root -> {
      String hostPart = smtpService.substring(0, smtpService.lastIndexOf(':'));
      return hostPart.startsWith("[") ? hostPart.substring(1, hostPart.length() - 1) : hostPart;
    });
  }
}
