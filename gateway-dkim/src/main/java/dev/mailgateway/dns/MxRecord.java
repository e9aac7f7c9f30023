package dev.mailgateway.dns;

/**
 * A mail exchanger of a domain.
 *
 * @param preference lower is tried first
 * @param host the exchanger's host name, lower case, without the final dot
 */
public record MxRecord(int preference, String host) {}
