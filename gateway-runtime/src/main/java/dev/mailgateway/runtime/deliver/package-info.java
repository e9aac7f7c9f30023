/**
 * The delivery stage, like Postfix's qmgr, trivial-rewrite and smtp: where each recipient goes
 * (transport table, relay host, MX), the SMTP client, retries with backoff, bounces.
 */
package dev.mailgateway.runtime.deliver;
