package dev.mailgateway.config;

import dev.mailgateway.api.GatewayPolicy;
import java.util.regex.Pattern;

/**
 * What fuzz targets demand of a policy they got accepted: it renders, and every rendered file is
 * what Postfix, Amavis and OpenDKIM read line by line, with no byte that would end a line early
 * or split one parameter into two, nor a control character or Unicode line break.
 */
final class RenderedFiles {

  private static final Pattern MAIN_CF_LINE = Pattern.compile("#.*|[ \\t].*|[A-Za-z0-9_]+ =( .*)?|");
  private static final GatewayRenderer RENDERER = GatewayRenderer.forLayout(RenderLayout.system());

  private RenderedFiles() {}

  static void check(GatewayPolicy policy) {
    ConfigTree tree = RENDERER.render(policy);
    for (ConfigFile file : tree.files()) {
      if (file.secret()) {
        continue;
      }
      String text = file.text();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        // LF ends a line, tab is white space; any other control character, and the line breaks
        // an editor shows where the daemons read on, make a file that does not read as it acts.
        if (c != '\n' && c != '\t' && (Character.getType(c) == Character.CONTROL
            || c == '\u2028' || c == '\u2029')) {
          throw new AssertionError(String.format("%s holds U+%04X at character %d:%n%s",
              file.path(), (int) c, i, text));
        }
      }
    }
    for (String line : tree.text("postfix/main.cf").split("\n", -1)) {
      if (!MAIN_CF_LINE.matcher(line).matches()) {
        throw new AssertionError("main.cf has a line Postfix cannot read: " + line);
      }
    }
  }
}
