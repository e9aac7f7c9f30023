/**
 * Renders a {@link dev.mailgateway.api.GatewayPolicy} to configuration for the real daemons
 * (Postfix main.cf, master.cf and lookup tables; Amavis conf.d; OpenDKIM), imports and exports
 * the environment of the Docker image the toolkit models, reads and writes policy files, and runs
 * a private Postfix instance for tests.
 *
 * <p>Start at {@link dev.mailgateway.config.GatewayRenderer} and {@link
 * dev.mailgateway.config.ContainerEnvironment}.
 */
package dev.mailgateway.config;
