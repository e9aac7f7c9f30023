package dev.mailgateway.runtime.cleanup;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A test detector, not a scanner: it finds only the two standard test signatures, the EICAR test
 * file (reported as the virus {@code Eicar-Test-Signature}, as ClamAV names it) and GTUBE
 * (reported with SpamAssassin's score of 1000), so that a test can exercise the whole scanning
 * flow with no scanner installed. It reads the message as it streams, holding only a window the
 * length of the longest signature.
 */
public final class TestSignatureScanner implements ContentScanner {

  /** The EICAR test file's content. */
  public static final String EICAR =
      "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
  /** The Generic Test for Unsolicited Bulk Email. */
  public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

  @Override
  public String name() {
    return "test-signature-detector";
  }

  @Override
  public Set<Check> checks() {
    return EnumSet.allOf(Check.class);
  }

  @Override
  public ScanReport scan(MessageContent content) throws IOException {
    try (InputStream message = content.open()) {
      return scan(message);
    }
  }

  private ScanReport scan(InputStream message) throws IOException {
    boolean eicar = false;
    boolean gtube = false;
    int window = Math.max(EICAR.length(), GTUBE.length());
    String carry = "";
    byte[] buffer = new byte[64 * 1024];
    for (int n = message.read(buffer); n != -1; n = message.read(buffer)) {
      String text = carry + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
      eicar |= text.contains(EICAR);
      gtube |= text.contains(GTUBE);
      carry = text.substring(Math.max(0, text.length() - window));
    }
    if (eicar) {
      return ScanReport.infected(name(), "Eicar-Test-Signature");
    }
    return ScanReport.clean(name()).and(ScanReport.scored(
        gtube ? new BigDecimal("1000") : BigDecimal.ZERO, gtube ? List.of("GTUBE") : List.of()));
  }
}
