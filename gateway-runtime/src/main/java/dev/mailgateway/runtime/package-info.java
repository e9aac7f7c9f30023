/**
 * The embeddable gateway: the same {@link dev.mailgateway.api.GatewayPolicy} that renders
 * Postfix's configuration, executed in-process along Postfix's own pipeline: {@code receive}
 * (smtpd), {@code cleanup}, {@code queue}, {@code deliver} (qmgr, trivial-rewrite, smtp).
 * Start one with {@link dev.mailgateway.api.MailGateway#start}.
 */
package dev.mailgateway.runtime;
