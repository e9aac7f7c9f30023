package dev.mailgateway.config;

import dev.mailgateway.api.GatewayPolicy;
import java.util.regex.Pattern;

/**
 * What fuzz targets demand of a policy they got accepted: it renders, and every rendered file is
 * what Postfix, Amavis and OpenDKIM read line by line, with no byte that would end a line early
 * or split one parameter into two.
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
      if (text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0) {
        throw new AssertionError(file.path() + " holds a NUL or a CR:\n" + text);
      }
    }
    for (String line : tree.text("postfix/main.cf").split("\n", -1)) {
      if (!MAIN_CF_LINE.matcher(line).matches()) {
        throw new AssertionError("main.cf has a line Postfix cannot read: " + line);
      }
    }
  }
}
