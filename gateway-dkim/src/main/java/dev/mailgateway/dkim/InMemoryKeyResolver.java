package dev.mailgateway.dkim;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Key records held in memory: for tests, and for keys known before DNS has them. */
public final class InMemoryKeyResolver implements DkimKeyResolver {

  private final Map<String, List<String>> records;

  private InMemoryKeyResolver(Map<String, List<String>> records) {
    this.records = records;
  }

  /** A resolver that knows no keys. */
  public static InMemoryKeyResolver empty() {
    return new InMemoryKeyResolver(Map.of());
  }

  /** This resolver plus a record at {@code selector._domainkey.domain}. */
  public InMemoryKeyResolver with(String selector, String domain, DkimRecord record) {
    return with(selector, domain, record.value());
  }

  /** This resolver plus a raw TXT value at {@code selector._domainkey.domain}. */
  public InMemoryKeyResolver with(String selector, String domain, String txt) {
    Map<String, List<String>> more = new HashMap<>(records);
    more.put(name(selector + "._domainkey." + domain), List.of(txt));
    return new InMemoryKeyResolver(Map.copyOf(more));
  }

  @Override
  public List<String> lookup(String name) {
    return records.getOrDefault(name(name), List.of());
  }

  private static String name(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
