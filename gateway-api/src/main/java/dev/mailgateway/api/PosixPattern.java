package dev.mailgateway.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What Postfix's {@code regexp:} tables (POSIX extended regular expressions, glibc's regcomp)
 * refuse or read otherwise than Java, which the runtime matches with: a rule Postfix refuses is
 * skipped there with a warning, and one it reads otherwise matches other headers; both are
 * refused here. Checked against {@code postmap -q} on Postfix 3.7.
 */
final class PosixPattern {

  /** glibc's RE_DUP_MAX: a larger count is "Regular expression too big". */
  private static final int MAX_REPEAT = 32767;
  /**
   * The longest pattern taken. glibc's regcomp needs memory far beyond a pattern's length for
   * alternations, in every cleanup process: measured with postmap on Postfix 3.7, 17 KB of
   * alternatives took 41 MB, 71 KB 520 MB, 189 KB 3.2 GB, and 1.2 MB exhausted a 24 GB machine.
   */
  static final int MAX_LENGTH = 16_384;
  /** Escapes Perl and Java know and POSIX reads as a plain letter. */
  private static final String PERL_ESCAPES = "dDhHvVRXzZAGKkpPQE";

  private PosixPattern() { }

  /** Every problem of a pattern, in words; empty when Postfix reads it as Java does. */
  static List<String> problems(String pattern) {
    List<String> problems = new ArrayList<>();
    if (pattern.length() > MAX_LENGTH) {
      problems.add("the pattern has " + pattern.length() + " characters; Postfix's regular"
          + " expressions take memory far beyond that (71 KB of alternatives take 520 MB in every"
          + " cleanup process, 1.2 MB more than a 24 GB machine has): split it into rules of at"
          + " most " + MAX_LENGTH);
      return problems;
    }
    int groups = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '[' -> i = bracketEnd(pattern, i);
        case '(' -> {
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '?') {
            problems.add("'(?' at " + i + " begins a Perl group (inline flags, lookaround, a named"
                + " or non-capturing group), which POSIX regular expressions do not have: Postfix"
                + " refuses the rule");
          } else {
            groups++;
          }
        }
        case '\\' -> {
          if (i + 1 < pattern.length()) {
            char next = pattern.charAt(++i);
            if (next >= '1' && next <= '9' && next - '0' > groups) {
              problems.add("'\\" + next + "' refers to group " + next + ", which the pattern does"
                  + " not have before it: Postfix refuses the rule (invalid back reference)");
            } else if (PERL_ESCAPES.indexOf(next) >= 0) {
              problems.add("'\\" + next + "' is Perl's; POSIX reads it as the letter " + next
                  + (next == 'd' ? " (write [0-9])" : ""));
            }
          }
        }
        case '{' -> {
          int close = pattern.indexOf('}', i);
          if (close > i) {
            for (String count : pattern.substring(i + 1, close).split(",", -1)) {
              if (count.matches("[0-9]{1,9}") && Integer.parseInt(count) > MAX_REPEAT) {
                problems.add("a repetition count of " + count + " is over " + MAX_REPEAT
                    + ": Postfix refuses the rule (regular expression too big)");
              } else if (count.length() > 9 && Ascii.allDigits(count)) {
                problems.add("a repetition count of " + count.length() + " digits is over "
                    + MAX_REPEAT + ": Postfix refuses the rule (regular expression too big)");
              }
            }
          }
        }
        default -> { }
      }
    }
    return problems;
  }

  /**
   * Where the bracket expression opened at {@code open} ends: a ']' first (or first after '^')
   * is a member, and {@code [:alpha:]}-style classes are skipped whole. The pattern's end when
   * it does not close (Java has refused it by then).
   */
  private static int bracketEnd(String pattern, int open) {
    int i = open + 1;
    if (i < pattern.length() && pattern.charAt(i) == '^') {
      i++;
    }
    if (i < pattern.length() && pattern.charAt(i) == ']') {
      i++;
    }
    for (; i < pattern.length(); i++) {
      if (pattern.startsWith("[:", i) || pattern.startsWith("[=", i) || pattern.startsWith("[.", i)) {
        int close = pattern.indexOf(pattern.charAt(i + 1) + "]", i + 2);
        if (close > 0) {
          i = close + 1;
          continue;
        }
      }
      if (pattern.charAt(i) == ']') {
        return i;
      }
    }
    return pattern.length();
  }
}
