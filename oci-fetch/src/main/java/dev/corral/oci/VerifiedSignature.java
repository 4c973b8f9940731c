package dev.corral.oci;

/**
 * The outcome of the signature check for one manifest digest.
 *
 * @param verified true if a trusted key's signature over this digest was found
 * @param description what vouched for it (key and layout), or why it was let through unverified
 */
public record VerifiedSignature(boolean verified, String description) {
  static VerifiedSignature unverified(String why) {
    return new VerifiedSignature(false, why);
  }
}
