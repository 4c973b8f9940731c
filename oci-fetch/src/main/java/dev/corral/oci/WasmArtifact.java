package dev.corral.oci;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A wasm component artifact as described by its manifest: exactly one component layer (CNCF {@code
 * application/wasm} or one of Wassette's types) and at most one policy layer.
 *
 * @param component the component layer
 * @param policy the policy layer, if any
 * @param created the manifest's {@code org.opencontainers.image.created} annotation (RFC 3339), if
 *     present and valid: covered by the signature, since the signature names the manifest digest
 */
public record WasmArtifact(
    Descriptor component, Optional<Descriptor> policy, Optional<Instant> created) {
  /** The OCI annotation for when an artifact was built. */
  static final String CREATED = "org.opencontainers.image.created";

  static WasmArtifact of(ImageManifest manifest, String where) throws OciException {
    if (!MediaTypes.CONFIGS.contains(manifest.config().mediaType())) {
      throw new OciException(
          where
              + " is not a wasm component artifact: config media type is '"
              + manifest.config().mediaType()
              + "', expected '"
              + MediaTypes.WASM_CONFIG
              + "'");
    }
    Descriptor component = null;
    Descriptor policy = null;
    for (int i = 0; i < manifest.layers().size(); i++) {
      Descriptor layer = manifest.layers().get(i);
      if (MediaTypes.COMPONENT_LAYERS.contains(layer.mediaType())) {
        if (component != null) {
          throw new OciException(
              where + ": $.layers[" + i + "] is a second component layer; expected one");
        }
        component = layer;
      } else if (MediaTypes.POLICY_LAYERS.contains(layer.mediaType())) {
        if (policy != null) {
          throw new OciException(
              where + ": $.layers[" + i + "] is a second policy layer; expected at most one");
        }
        policy = layer;
      }
    }
    if (component == null) {
      throw new OciException(
          where + " has no component layer (media type '" + MediaTypes.WASM_LAYER + "')");
    }
    return new WasmArtifact(component, Optional.ofNullable(policy), created(manifest));
  }

  private static Optional<Instant> created(ImageManifest manifest) {
    String value = manifest.annotations().get(CREATED);
    try {
      return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
