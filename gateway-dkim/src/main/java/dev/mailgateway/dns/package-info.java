/**
 * A stub resolver: TXT and MX lookups over UDP, and TCP for long answers, asking the servers of
 * {@code /etc/resolv.conf} or one given server, as the C library's resolver does for Postfix.
 * It has no dependency and logs nothing.
 */
package dev.mailgateway.dns;
