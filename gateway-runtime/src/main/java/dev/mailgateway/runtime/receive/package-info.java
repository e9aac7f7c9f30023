/**
 * The receiving stage, like Postfix's smtpd: parsing of SMTP paths and the decision whether a
 * client may relay to a recipient. Decisions are pure functions of the policy and the envelope,
 * tested without sockets.
 */
package dev.mailgateway.runtime.receive;
