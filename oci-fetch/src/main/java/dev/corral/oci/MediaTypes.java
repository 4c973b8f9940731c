package dev.corral.oci;

import java.util.Set;

/**
 * Media types of the CNCF wasm OCI artifact, Wassette's variants, and sigstore/cosign signatures.
 */
public final class MediaTypes {
  private MediaTypes() {}

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  public static final String OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** Config of the CNCF wasm OCI artifact. */
  public static final String WASM_CONFIG = "application/vnd.wasm.config.v0+json";

  /** The component layer of the CNCF wasm OCI artifact. */
  public static final String WASM_LAYER = "application/wasm";

  /** Layer types accepted as the component: the CNCF type first, then Wassette's. */
  public static final Set<String> COMPONENT_LAYERS =
      Set.of(
          WASM_LAYER,
          "application/vnd.wasm.component.v1",
          "application/vnd.bytecodealliance.wasm.component.layer.v0+wasm");

  /** Layer types accepted as an optional policy document (CNCF proposal first, then Wassette's). */
  public static final Set<String> POLICY_LAYERS =
      Set.of(
          "application/vnd.wasm.policy.v1+yaml",
          "application/vnd.wassette.policy+yaml",
          "application/x-yaml",
          "text/yaml");

  /**
   * Config types accepted for a wasm artifact: the CNCF one, the OCI image config (Wassette), and
   * the empty/unknown configs {@code oras push} writes.
   */
  public static final Set<String> CONFIGS =
      Set.of(WASM_CONFIG, OCI_IMAGE_CONFIG, OCI_EMPTY, "application/vnd.unknown.config.v1+json");

  /** cosign classic layout: the simple signing payload layer. */
  public static final String COSIGN_SIMPLE_SIGNING =
      "application/vnd.dev.cosign.simplesigning.v1+json";

  /** cosign classic layout: annotation holding the base64 signature over the payload. */
  public static final String COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  /** Sigstore bundle v0.3 (artifact type and layer type). */
  public static final String SIGSTORE_BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /** DSSE payload type of an in-toto statement. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";
}
