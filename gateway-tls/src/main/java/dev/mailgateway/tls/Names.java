package dev.mailgateway.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Distinguished names of the certificates we make: a common name only. */
final class Names {

  private Names() {}

  static X500Name commonName(String name) {
    if (name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException(
          "a common name has 1 to 64 characters, not " + name.length() + ": '" + name + "'");
    }
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
  }
}
