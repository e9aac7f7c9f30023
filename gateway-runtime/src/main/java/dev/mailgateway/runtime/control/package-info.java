/**
 * Steering a gateway from outside its process, as Postfix's queue tools steer Postfix: a
 * control socket in the spool folder (owner-only), and {@link QueueAccess}, which reaches the
 * queue of a spool whether its gateway runs (through the socket) or not (directly, locked).
 */
package dev.mailgateway.runtime.control;
