package dev.mailgateway.runtime.receive;

/**
 * Whether a recipient is accepted, and why: the reason names the Postfix restriction that
 * decided, so a decision can be explained.
 *
 * @param permitted whether the recipient is accepted
 * @param reason the restriction that decided, such as {@code permit_mynetworks}
 * @param reply the SMTP reply for a refusal, empty for a permit
 */
public record RelayDecision(boolean permitted, String reason, String reply) {

  static RelayDecision permit(String reason) {
    return new RelayDecision(true, reason, "");
  }

  static RelayDecision localDeliveryDisabled(Mailbox recipient) {
    return new RelayDecision(false, "local_transport = error:",
        "550 5.1.1 <" + recipient + ">: Recipient address rejected: local mail delivery is disabled");
  }

  static RelayDecision relayDenied(Mailbox recipient) {
    return new RelayDecision(false, "reject_unauth_destination",
        "554 5.7.1 <" + recipient + ">: Relay access denied");
  }
}
