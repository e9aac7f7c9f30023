/**
 * DKIM: keys (RSA, Ed25519), DNS TXT records in the form {@code opendkim-genkey} writes, a key
 * store laid out as the image lays it out, signing and verification.
 *
 * <p>Start at {@link dev.mailgateway.dkim.DkimSigner}, {@link dev.mailgateway.dkim.DkimVerifier}
 * and {@link dev.mailgateway.dkim.DkimKeyStore}.
 */
package dev.mailgateway.dkim;
