package dev.corral.oci;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "simple signing" payload cosign signs in its classic layout: {@code
 * {"critical":{"identity":{"docker-reference":…},"image":{"docker-manifest-digest":…},
 * "type":"cosign container image signature"},"optional":null}}.
 */
public final class SimpleSigningPayload {
  static final String TYPE = "cosign container image signature";

  private SimpleSigningPayload() {}

  /** The payload bytes for {@code name} (registry/repository) at {@code digest}. */
  public static byte[] create(String name, Digest digest) {
    ObjectNode root = Json.object();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", name);
    critical.putObject("image").put("docker-manifest-digest", digest.toString());
    critical.put("type", TYPE);
    root.putNull("optional");
    return Json.bytes(root);
  }

  /**
   * What a payload vouches for: the repository ({@code critical.identity.docker-reference}) and the
   * manifest ({@code critical.image.docker-manifest-digest}).
   */
  public record Claims(String dockerReference, Digest digest) {}

  /** The {@code docker-manifest-digest} the payload vouches for. */
  public static Digest signedDigest(byte[] payload, String where) throws OciException {
    return claims(payload, where).digest();
  }

  /** The repository and manifest the payload vouches for; both must be present. */
  public static Claims claims(byte[] payload, String where) throws OciException {
    JsonNode root = Json.parse(payload, "simple signing payload " + where);
    JsonNode critical = root.path("critical");
    String type = critical.path("type").asString("");
    if (!type.equals(TYPE)) {
      throw new OciException(
          "simple signing payload "
              + where
              + ": $.critical.type is '"
              + type
              + "', expected '"
              + TYPE
              + "'");
    }
    JsonNode digest = critical.path("image").path("docker-manifest-digest");
    if (!digest.isString()) {
      throw new OciException(
          "simple signing payload "
              + where
              + ": $.critical.image.docker-manifest-digest must be a string");
    }
    JsonNode identity = critical.path("identity").path("docker-reference");
    if (!identity.isString() || identity.stringValue().isEmpty()) {
      throw new OciException(
          "simple signing payload "
              + where
              + ": $.critical.identity.docker-reference must be a non-empty string");
    }
    return new Claims(identity.stringValue(), Digest.parse(digest.stringValue()));
  }
}
