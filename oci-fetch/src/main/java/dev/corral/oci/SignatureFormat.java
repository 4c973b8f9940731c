package dev.corral.oci;

/** Where {@link OciComponents#sign} writes a signature. */
public enum SignatureFormat {
  /** cosign classic layout: {@code sha256-<hex>.sig} tag with a simple signing payload layer. */
  COSIGN_CLASSIC,
  /** sigstore bundle v0.3 as a referrer (and the {@code sha256-<hex>} fallback index). */
  SIGSTORE_BUNDLE
}
