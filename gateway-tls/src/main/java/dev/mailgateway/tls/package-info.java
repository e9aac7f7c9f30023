/**
 * Everything the image's README does with {@code openssl} by hand, as a library: key pairs, PEM
 * files, self-signed server certificates, a small CA that issues server and client certificates
 * and signs CSRs, fingerprints in Postfix's {@code relay_clientcerts} form, expiry and health
 * checks, and {@code SSLContext}s with the image's TLS hardening.
 *
 * <p>Start at {@link dev.mailgateway.tls.CertificateAuthority} and {@link
 * dev.mailgateway.tls.CertifiedKey}.
 */
package dev.mailgateway.tls;
