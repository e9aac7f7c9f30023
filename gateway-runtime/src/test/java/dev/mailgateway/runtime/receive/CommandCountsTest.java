package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandCountsTest {

  @Test
  void commandsAreCountedInSmtpdsOrderWithTheTotal() {
    CommandCounts counts = new CommandCounts();
    counts.count("QUIT", true);
    counts.count("EHLO", true);
    counts.count("DATA", true);
    counts.count("MAIL", true);
    counts.count("RCPT", true);

    assertThat(counts).hasToString("ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5");
  }

  @Test
  void failedCommandsShowAsSucceededOverAll() {
    CommandCounts counts = new CommandCounts();
    counts.count("EHLO", true);
    counts.count("MAIL", true);
    counts.count("RCPT", false);
    counts.count("RCPT", true);
    counts.count("XYZZY", false);

    assertThat(counts).hasToString("ehlo=1 mail=1 rcpt=1/2 unknown=0/1 commands=3/5");
  }

  @Test
  void aSessionWithoutCommandsHasNoneOfNone() {
    assertThat(new CommandCounts()).hasToString("commands=0/0");
  }
}
