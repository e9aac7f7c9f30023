package dev.mailgateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalizationTest {

  @Test
  void relaxedHeaderLowersTheNameAndUnfoldsTheValue() {
    assertThat(Canonicalization.RELAXED.header("Subject", "Subject: a\r\n\tlong   subject \t"))
        .isEqualTo("subject:a long subject");
  }

  @Test
  void relaxedHeaderJoinsBlanksOnBothSidesOfAFold() {
    assertThat(Canonicalization.RELAXED.header("To", "To : x@example.com ,  \r\n \t y@example.com"))
        .isEqualTo("to:x@example.com , y@example.com");
  }

  @Test
  void relaxedHeaderKeepsALoneCarriageReturnOrLineFeedInside() {
    assertThat(Canonicalization.RELAXED.header("X", "X: a\rb\nc\r\r\n\nd"))
        .isEqualTo("x:a\rb\nc\r\nd");
  }

  @Test
  void relaxedHeaderOfAnEmptyValueIsTheNameAndColon() {
    assertThat(Canonicalization.RELAXED.header("X", "X: \t \r\n ")).isEqualTo("x:");
  }

  @Test
  void simpleHeaderIsTheFieldAsItCame() {
    assertThat(Canonicalization.SIMPLE.header("Subject", "Subject:  a\r\n\tb"))
        .isEqualTo("Subject:  a\r\n\tb");
  }
}
