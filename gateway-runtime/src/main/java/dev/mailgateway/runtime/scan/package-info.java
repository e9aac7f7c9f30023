/**
 * Clients of the real content scanners: ClamAV's clamd and SpamAssassin's spamd, each a {@link
 * dev.mailgateway.runtime.cleanup.ContentScanner}, and the scanners a gateway's options name.
 */
package dev.mailgateway.runtime.scan;
