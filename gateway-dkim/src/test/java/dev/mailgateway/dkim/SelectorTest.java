package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SelectorTest {

  @Test
  void dnsLabelsSeparatedByDotsAreASelector() {
    assertThat(Selector.check("s2024.mail")).isEqualTo("s2024.mail");
  }

  @Test
  void anEmptySelectorIsRefused() {
    assertThatThrownBy(() -> Selector.check("")).hasMessageContaining("'' is not a selector");
  }

  @Test
  void aSelectorWithALineBreakIsRefusedAndShownPrintable() {
    assertThatThrownBy(() -> Selector.check("default\nevil IN TXT x"))
        .hasMessageContaining("'default\\nevil IN TXT x' is not a selector");
  }

  @Test
  void aSelectorThatClimbsOutOfItsFolderIsRefused() {
    assertThatThrownBy(() -> Selector.check("../keys")).hasMessageContaining("is not a selector");
  }

  @Test
  void theZoneFileOfARecordChecksItsSelector() {
    DkimRecord record = DkimRecord.of(DkimKey.generate(dev.mailgateway.api.DkimAlgorithm.ED25519),
        true, false);

    assertThatThrownBy(() -> record.zoneFile("", "example.com"))
        .hasMessageContaining("is not a selector");
  }
}
