/**
 * DKIM keys (RSA, Ed25519), DNS records, the key store, signing and verification. The module is
 * laid out now so that the build and the BOM have their final shape; its content arrives with the
 * DKIM work.
 */
package dev.mailgateway.dkim;
