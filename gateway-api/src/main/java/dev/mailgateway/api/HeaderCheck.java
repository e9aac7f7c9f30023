package dev.mailgateway.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule of Postfix's {@code header_checks} in {@code regexp:} table form: {@code
 * /pattern/flags ACTION text}, or {@code !/pattern/flags ...} for a rule that applies when the
 * pattern does not match. Matching is case-insensitive unless the {@code i} flag toggles it.
 *
 * @param negated whether the rule applies when the pattern does not match
 * @param delimiter the character around the pattern, usually {@code /}
 * @param pattern the regular expression as written
 * @param flags the flag letters after the pattern ({@code i}, {@code m}, {@code x})
 * @param action the action, upper case ({@code REJECT}, {@code WARN}...)
 * @param text the action's text, or empty
 */
public record HeaderCheck(
    boolean negated, char delimiter, String pattern, String flags, String action, String text) {

  /** The actions of Postfix's header_checks(5). */
  public static final Set<String> ACTIONS =
      Set.of("BCC", "DISCARD", "DUNNO", "FILTER", "HOLD", "IGNORE", "INFO", "OK", "PASS",
          "PREPEND", "REDIRECT", "REPLACE", "REJECT", "STRIP", "WARN");

  private static final Set<String> TEXT_REQUIRED =
      Set.of("BCC", "FILTER", "PREPEND", "REDIRECT", "REPLACE");
  private static final Set<String> NO_TEXT = Set.of("DUNNO", "IGNORE", "OK");

  /** Checks the rule; see {@link #parse} for the rules it enforces. */
  public HeaderCheck {
    if (Character.isLetterOrDigit(delimiter) || Character.isWhitespace(delimiter)
        || delimiter == '\\') {
      throw new IllegalArgumentException(
          "'" + delimiter + "' cannot delimit a pattern: use / or another punctuation character");
    }
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("the pattern is empty");
    }
    if (pattern.indexOf(delimiter) >= 0) {
      throw new IllegalArgumentException(
          "the pattern contains its delimiter '" + delimiter + "'; choose another delimiter");
    }
    if (pattern.contains("\n") || pattern.contains("\r") || text.contains("\n")
        || text.contains("\r")) {
      throw new IllegalArgumentException("a rule must not contain a line break");
    }
    if (!flags.chars().allMatch(c -> c == 'i' || c == 'm' || c == 'x')) {
      throw new IllegalArgumentException(
          "unknown flag in '" + flags + "': Postfix knows i, m and x");
    }
    compile(pattern, flags);
    List<String> posix = PosixPattern.problems(pattern);
    if (!posix.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", posix));
    }
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException(
          "unknown action '" + action + "'; header_checks know " + String.join(", ",
              ACTIONS.stream().sorted().toList()));
    }
    if (TEXT_REQUIRED.contains(action) && text.isBlank()) {
      throw new IllegalArgumentException(action + " needs an argument");
    }
    if (NO_TEXT.contains(action) && !text.isBlank()) {
      throw new IllegalArgumentException(action + " takes no text");
    }
  }

  /**
   * Parses one logical line of a {@code regexp:} header_checks table.
   *
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static HeaderCheck parse(String line) {
    String rule = line.strip();
    boolean negated = rule.startsWith("!");
    if (negated) {
      rule = rule.substring(1);
    }
    if (rule.startsWith("if ") || rule.equals("endif")) {
      throw new IllegalArgumentException("if/endif blocks are not supported; write plain rules");
    }
    if (rule.isEmpty()) {
      throw new IllegalArgumentException("an empty rule");
    }
    char delimiter = rule.charAt(0);
    if (Character.isLetterOrDigit(delimiter)) {
      throw new IllegalArgumentException(
          "'" + line.strip() + "' does not start with a delimited pattern such as /^Subject: x/");
    }
    int end = rule.indexOf(delimiter, 1);
    if (end < 0) {
      throw new IllegalArgumentException("the pattern has no closing '" + delimiter + "'");
    }
    String pattern = rule.substring(1, end);
    String rest = rule.substring(end + 1);
    int flagsEnd = 0;
    while (flagsEnd < rest.length() && !Character.isWhitespace(rest.charAt(flagsEnd))) {
      flagsEnd++;
    }
    String flags = rest.substring(0, flagsEnd);
    String result = rest.substring(flagsEnd).strip();
    if (result.isEmpty()) {
      throw new IllegalArgumentException("the rule has no action after its pattern");
    }
    int space = indexOfWhitespace(result);
    String action = (space < 0 ? result : result.substring(0, space)).toUpperCase(Locale.ROOT);
    String text = space < 0 ? "" : result.substring(space).strip();
    return new HeaderCheck(negated, delimiter, pattern, flags, action, text);
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static Pattern compile(String pattern, String flags) {
    boolean caseInsensitive = true;
    boolean multiline = false;
    for (char flag : flags.toCharArray()) {
      if (flag == 'i') {
        caseInsensitive = !caseInsensitive;
      } else if (flag == 'm') {
        multiline = !multiline;
      }
    }
    int javaFlags = (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0)
        | (multiline ? Pattern.MULTILINE : 0);
    try {
      return Pattern.compile(pattern, javaFlags);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "the pattern does not compile: " + e.getDescription() + " near index " + e.getIndex(), e);
    }
  }

  /** The pattern compiled with the rule's flags, as the runtime matches headers. */
  public Pattern compiledPattern() {
    return compile(pattern, flags);
  }

  /** The rule as a line of a {@code regexp:} table. */
  @Override
  public String toString() {
    return (negated ? "!" : "") + delimiter + pattern + delimiter + flags + " " + action
        + (text.isEmpty() ? "" : " " + text);
  }
}
