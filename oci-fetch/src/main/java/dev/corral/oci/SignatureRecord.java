package dev.corral.oci;

import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A signature found for a manifest digest, in one of the two layouts Corral reads. */
public sealed interface SignatureRecord {
  /** Where it was found, for messages (e.g. {@code cosign tag sha256-ab12….sig, layer 0}). */
  String origin();

  /**
   * cosign classic layout: simple signing payload and the signature over its exact bytes.
   *
   * @param payload the payload layer's bytes
   * @param signature the decoded {@code dev.cosignproject.cosign/signature} annotation
   * @param origin where it was found
   */
  record Cosign(byte[] payload, byte[] signature, String origin) implements SignatureRecord {}

  /**
   * A sigstore bundle (v0.3, DSSE envelope around an in-toto statement).
   *
   * @param bundle the bundle JSON bytes
   * @param origin where it was found
   */
  record Bundle(byte[] bundle, String origin) implements SignatureRecord {}

  default ObjectNode toJson() {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode node = Json.object();
    switch (this) {
      case Cosign c -> {
        node.put("kind", "cosign");
        node.put("payload", b64.encodeToString(c.payload()));
        node.put("signature", b64.encodeToString(c.signature()));
      }
      case Bundle b -> {
        node.put("kind", "bundle");
        node.put("bundle", b64.encodeToString(b.bundle()));
      }
    }
    node.put("origin", origin());
    return node;
  }

  static SignatureRecord fromJson(JsonNode node, String path) throws OciException {
    Base64.Decoder b64 = Base64.getDecoder();
    try {
      String origin = "cached " + Json.string(node, "origin", path);
      return switch (Json.string(node, "kind", path)) {
        case "cosign" ->
            new Cosign(
                b64.decode(Json.string(node, "payload", path)),
                b64.decode(Json.string(node, "signature", path)),
                origin);
        case "bundle" -> new Bundle(b64.decode(Json.string(node, "bundle", path)), origin);
        default -> throw new OciException(path + ".kind must be 'cosign' or 'bundle'");
      };
    } catch (IllegalArgumentException e) {
      throw new OciException(path + ": invalid base64", e);
    }
  }
}
