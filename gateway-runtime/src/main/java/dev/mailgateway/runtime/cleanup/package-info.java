/**
 * The cleanup stage, like Postfix's cleanup: header checks, the Received header, DKIM signing
 * of trusted clients' mail, then the queue.
 */
package dev.mailgateway.runtime.cleanup;
