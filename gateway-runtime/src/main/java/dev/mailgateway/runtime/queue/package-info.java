/**
 * The queue, like Postfix's queue manager's directories: a message is durable (content and
 * envelope fsynced, envelope moved into place by an atomic rename) before the client hears 250.
 */
package dev.mailgateway.runtime.queue;
