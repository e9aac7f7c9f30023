package dev.mailgateway.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of a rendered main.cf, for assertions on single values. */
final class MainCfValues {

  private MainCfValues() {}

  static Map<String, String> of(String mainCf) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : mainCf.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf(" =");
      values.put(line.substring(0, equals), line.substring(equals + 2).strip());
    }
    return values;
  }
}
