package dev.corral.oci;

import java.nio.file.Path;
import java.security.PublicKey;

/**
 * A public key the user trusts, with a name for messages.
 *
 * @param name where it came from (usually the PEM file path)
 * @param key the key
 */
public record TrustedKey(String name, PublicKey key) {
  public static TrustedKey read(Path pemFile) throws OciException {
    return new TrustedKey(pemFile.toString(), Keys.readPublicKey(pemFile));
  }

  @Override
  public String toString() {
    return Keys.fingerprint(key) + " (" + name + ")";
  }
}
