/**
 * For tests of mail flows: a JUnit 5 extension that runs a gateway with a GreenMail server as its
 * next hop, and AssertJ assertions on what it delivered and refused.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MailGatewayExtension mail = MailGatewayExtension.with(p -> p
 *     .trust("127.0.0.1/32").dkim(d -> d.domains("example.com").keyDirectory(keys)));
 *
 * assertThat(mail.delivered(1).get(0)).hasValidDkimSignature("example.com");
 * assertThat(mail.gateway()).rejected("x@elsewhere.example").withCode(554);
 * }</pre>
 */
package dev.mailgateway.junit;
