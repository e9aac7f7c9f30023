/**
 * The gateway's meters (Micrometer), from its events and its queue, and the HTTP listener that
 * serves them to Prometheus with the health checks of Docker and Kubernetes.
 */
package dev.mailgateway.runtime.metrics;
