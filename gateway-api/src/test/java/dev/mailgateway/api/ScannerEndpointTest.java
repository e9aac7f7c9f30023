package dev.mailgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScannerEndpointTest {

  @Test
  void clamdOnAUnixSocketIsParsed() {
    ScannerEndpoint clamd = ScannerEndpoint.parse("clamd=unix:/run/clamav/clamd.ctl");

    assertThat(clamd.kind()).isEqualTo(ScannerEndpoint.Kind.CLAMD);
    assertThat(clamd.unixSocket()).contains(Path.of("/run/clamav/clamd.ctl"));
  }

  @Test
  void spamdOnIpv6LoopbackIsParsed() {
    ScannerEndpoint spamd = ScannerEndpoint.parse("spamd=[::1]:783");

    assertThat(spamd.host()).isEqualTo("::1");
    assertThat(spamd.port()).isEqualTo(783);
    assertThat(spamd.unixSocket()).isEmpty();
  }

  @Test
  void amavisReinjectsToTheImagesPortUnlessTold() {
    assertThat(ScannerEndpoint.parse("amavis=127.0.0.1:10024").reinjection()).contains("127.0.0.1:10025");
    assertThat(ScannerEndpoint.parse("amavis=127.0.0.1:10124,reinject=127.0.0.1:10125").reinjection())
        .contains("127.0.0.1:10125");
  }

  @Test
  void theFormIsWrittenBackAsItIsParsed() {
    for (String form : new String[] {"clamd=127.0.0.1:3310", "test-detectors",
        "amavis=127.0.0.1:10024,reinject=127.0.0.1:10025"}) {
      assertThat(ScannerEndpoint.parse(form)).hasToString(form);
    }
  }

  @Test
  void anAddressWithoutPortIsRefused() {
    assertThatThrownBy(() -> ScannerEndpoint.parse("clamd=localhost"))
        .hasMessage("'localhost' is not an address of clamd: expected host:port, [v6]:port or unix:/path");
  }

  @Test
  void aRelativeUnixSocketIsRefused() {
    assertThatThrownBy(() -> ScannerEndpoint.clamd("unix:clamd.ctl"))
        .hasMessageContaining("the path must be absolute");
  }

  @Test
  void aScannerWithoutAddressIsRefused() {
    assertThatThrownBy(() -> ScannerEndpoint.parse("spamd"))
        .hasMessage("spamd needs an address: host:port or unix:/path");
  }

  @Test
  void theTestDetectorsTakeNoAddress() {
    assertThatThrownBy(() -> ScannerEndpoint.parse("test-detectors=127.0.0.1:1"))
        .hasMessage("the test detectors are built in and take no address");
  }
}
