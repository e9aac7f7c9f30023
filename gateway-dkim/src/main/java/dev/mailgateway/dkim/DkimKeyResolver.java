package dev.mailgateway.dkim;

import java.util.List;

/** Finds the TXT records of a DKIM key name ({@code selector._domainkey.domain}). */
public interface DkimKeyResolver {

  /**
   * The TXT records at a name, each with its strings joined; empty when there are none.
   *
   * @throws KeyLookupException when the lookup failed, temporarily or for good
   */
  List<String> lookup(String name) throws KeyLookupException;

  /** A failed lookup; a temporary one (a timeout, SERVFAIL) may succeed later. */
  final class KeyLookupException extends Exception {
    private final boolean temporary;

    /** Creates the exception. */
    public KeyLookupException(String message, boolean temporary) {
      super(message);
      this.temporary = temporary;
    }

    /** Whether a later lookup may succeed. */
    public boolean isTemporary() {
      return temporary;
    }
  }
}
