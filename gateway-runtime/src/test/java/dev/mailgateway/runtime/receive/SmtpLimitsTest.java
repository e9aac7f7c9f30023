package dev.mailgateway.runtime.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpLimitsTest {

  @Test
  void withoutOverridesTheLimitsArePostfixsDefaults() {
    SmtpLimits limits = SmtpLimits.fromPostfix(Map.of());

    assertThat(limits.messageSize()).isEqualTo(10_240_000);
    assertThat(limits.recipients()).isEqualTo(1000);
    assertThat(limits.commandTimeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(limits.minDataRate()).isEqualTo(500);
    assertThat(limits.connectionsPerClient()).isEqualTo(50);
  }

  @Test
  void overridesOfTheSameParametersApply() {
    SmtpLimits limits = SmtpLimits.fromPostfix(Map.of("message_size_limit", "1000",
        "smtpd_timeout", "2m", "smtpd_client_connection_count_limit", "3"));

    assertThat(limits.messageSize()).isEqualTo(1000);
    assertThat(limits.commandTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(limits.connectionsPerClient()).isEqualTo(3);
  }

  @Test
  void zeroMeansNoLimitAsInPostfix() {
    assertThat(SmtpLimits.fromPostfix(Map.of("message_size_limit", "0")).messageSize())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aValueThatIsNoNumberNamesItsParameter() {
    assertThatThrownBy(() -> SmtpLimits.fromPostfix(Map.of("smtpd_recipient_limit", "many")))
        .hasMessage("smtpd_recipient_limit = many is not a whole number");
  }

  @Test
  void mynetworksIsExemptFromTheClientLimitUnlessTheExceptionsLeaveItOut() {
    assertThat(SmtpLimits.fromPostfix(Map.of()).trustedExemptFromClientLimits()).isTrue();
    SmtpLimits listed = SmtpLimits.fromPostfix(Map.of("smtpd_client_event_limit_exceptions",
        "192.0.2.0/24, 198.51.100.7"));
    assertThat(listed.trustedExemptFromClientLimits()).isFalse();
    assertThat(listed.limitExceptions()).hasSize(2);
  }

  @Test
  void anExceptionThatIsNoNetworkNamesTheParameter() {
    assertThatThrownBy(() -> SmtpLimits.fromPostfix(Map.of("smtpd_client_event_limit_exceptions",
        "$mynetworks, partner.example")))
        .hasMessageContaining("smtpd_client_event_limit_exceptions")
        .hasMessageContaining("'partner.example' is neither $mynetworks nor a network");
  }

  @Test
  void aProcessLimitOfZeroMeansNoLimitAsInPostfix() {
    assertThat(SmtpLimits.fromPostfix(Map.of("default_process_limit", "0")).connections())
        .isEqualTo(Integer.MAX_VALUE);
  }
}
