package dev.mailgateway.tls;

/** What a fuzz target demands of a refusal: a reason, naming the input where it has a name. */
final class FuzzRefusals {

  private FuzzRefusals() {}

  static void named(IllegalArgumentException refused, String source) {
    String message = refused.getMessage();
    if (message == null || message.isBlank() || !message.contains(source)) {
      throw new AssertionError("a refusal that does not say '" + source + "' and why: " + message, refused);
    }
  }
}
