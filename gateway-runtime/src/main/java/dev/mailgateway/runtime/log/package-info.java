/**
 * The mail log: every {@link dev.mailgateway.runtime.GatewayEvent} as the lines Postfix 3.7
 * writes for the same event ({@link PostfixLogFormat}, which pflogsumm and Postfix log exporters
 * read), or as one JSON object per event ({@link JsonLogFormat}), written by {@link MailLog}
 * without holding up the sessions.
 */
package dev.mailgateway.runtime.log;
