package dev.mailgateway.config;

import java.util.List;

/**
 * One service of Postfix's master.cf: the eight columns and the {@code -o name=value} lines.
 * Every service runs without chroot: a private instance cannot chroot into its own queue, and
 * one rule for both layouts keeps them alike (Postfix's upstream default is also no chroot).
 */
record MasterService(
    String name, String type, String privileged, String unprivileged, String wakeup,
    String maxProcesses, String command, List<String> arguments) {

  static MasterService of(String name, String type, String privileged, String unprivileged,
      String wakeup, String maxProcesses, String command, String... arguments) {
    return new MasterService(name, type, privileged, unprivileged, wakeup, maxProcesses, command,
        List.of(arguments));
  }

  String render() {
    StringBuilder line = new StringBuilder(String.format("%-10s %-10s %-7s %-7s %-7s %-7s %-7s %s",
        name, type, privileged, unprivileged, "n", wakeup, maxProcesses, command));
    for (String argument : arguments) {
      line.append("\n  ").append(argument);
    }
    return line.append('\n').toString();
  }
}
