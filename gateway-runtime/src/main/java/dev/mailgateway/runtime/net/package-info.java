/**
 * The gateway's sockets: deadlines on blocking reads and writes kept by one watching thread. Used
 * by the SMTP server and client of the runtime; not an API of its own.
 */
package dev.mailgateway.runtime.net;
