/**
 * The gateway policy: an immutable description of a mail gateway (who may relay, where mail goes,
 * TLS, content filtering, DKIM) and the fluent DSL that builds and validates it.
 *
 * <p>Start at {@link dev.mailgateway.api.MailGateway#policy()}. Names follow Postfix's
 * parameters; each accessor's Javadoc names the parameter it renders to.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false))
package dev.mailgateway.api;

import org.immutables.value.Value;
