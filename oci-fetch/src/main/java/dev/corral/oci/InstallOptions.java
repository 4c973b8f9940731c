package dev.corral.oci;

/**
 * Options for resolving and installing.
 *
 * @param allowUnsigned install even if no trusted signature is found (development only; logged as a
 *     warning and reported in {@link VerifiedSignature#description()})
 */
public record InstallOptions(boolean allowUnsigned) {
  /** Signatures required (the default). */
  public static final InstallOptions VERIFIED = new InstallOptions(false);

  /** Signatures not required. */
  public static final InstallOptions ALLOW_UNSIGNED = new InstallOptions(true);
}
