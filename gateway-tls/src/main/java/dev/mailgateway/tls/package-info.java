/**
 * Certificates, a small CA, fingerprints in Postfix's relay_clientcerts form, expiry checks and
 * SSLContexts. The module is laid out now so that the build and the BOM have their final shape;
 * its content arrives with the TLS work.
 */
package dev.mailgateway.tls;
