package dev.corral.oci;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sigstore bundle v0.3 with a DSSE envelope around an in-toto statement whose subject is the signed
 * manifest digest. Only key-based verification is done (no transparency log or certificate chain:
 * Corral runs offline against keys the user trusts).
 */
public final class SigstoreBundle {
  static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";
  static final String STATEMENT_V01 = "https://in-toto.io/Statement/v0.1";

  /**
   * The predicate type of cosign's own signature statement ({@code cosign sign
   * --new-bundle-format}).
   */
  static final String PREDICATE_TYPE = "https://sigstore.dev/cosign/sign/v1";

  private SigstoreBundle() {}

  /** DSSE pre-authentication encoding: {@code DSSEv1 <len> <type> <len> <body>}. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
            .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  /** Builds and signs a bundle for {@code name} at {@code digest}. */
  public static byte[] create(String name, Digest digest, KeyPair key) throws OciException {
    ObjectNode statement = Json.object();
    statement.put("_type", STATEMENT_V1);
    ObjectNode subject = statement.putArray("subject").addObject();
    subject.put("name", name);
    subject.putObject("digest").put(digest.algorithm(), digest.hex());
    statement.put("predicateType", PREDICATE_TYPE);
    statement.putObject("predicate");
    byte[] payload = Json.bytes(statement);
    byte[] sig = Keys.sign(key.getPrivate(), key.getPublic(), pae(MediaTypes.IN_TOTO, payload));

    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode bundle = Json.object();
    bundle.put("mediaType", MediaTypes.SIGSTORE_BUNDLE_V03);
    bundle
        .putObject("verificationMaterial")
        .putObject("publicKey")
        .put(
            "hint",
            b64.encodeToString(
                java.util.HexFormat.of()
                    .parseHex(Digest.sha256(key.getPublic().getEncoded()).hex())));
    ObjectNode envelope = bundle.putObject("dsseEnvelope");
    envelope.put("payload", b64.encodeToString(payload));
    envelope.put("payloadType", MediaTypes.IN_TOTO);
    envelope.putArray("signatures").addObject().put("sig", b64.encodeToString(sig));
    return Json.bytes(bundle);
  }

  /** The parts of a bundle that verification needs. */
  record Parsed(byte[] payload, List<byte[]> signatures, List<Subject> subjects) {}

  /**
   * An in-toto subject: the repository it names ({@code name}, empty if absent) and its sha256
   * digest.
   */
  record Subject(String name, Digest digest) {
    @Override
    public String toString() {
      return (name.isEmpty() ? "(no name)" : name) + "@" + digest;
    }
  }

  static Parsed parse(byte[] bytes, String where) throws OciException {
    JsonNode root = Json.parse(bytes, "sigstore bundle " + where);
    String mediaType = root.path("mediaType").asString("");
    if (!mediaType.equals(MediaTypes.SIGSTORE_BUNDLE_V03)) {
      throw new OciException(
          "sigstore bundle "
              + where
              + ": $.mediaType is '"
              + mediaType
              + "', expected '"
              + MediaTypes.SIGSTORE_BUNDLE_V03
              + "'");
    }
    JsonNode envelope = root.get("dsseEnvelope");
    if (envelope == null || !envelope.isObject()) {
      throw new OciException(
          "sigstore bundle "
              + where
              + ": $.dsseEnvelope is missing (message signatures "
              + "are not supported)");
    }
    String payloadType = envelope.path("payloadType").asString("");
    if (!payloadType.equals(MediaTypes.IN_TOTO)) {
      throw new OciException(
          "sigstore bundle "
              + where
              + ": $.dsseEnvelope.payloadType is '"
              + payloadType
              + "', expected '"
              + MediaTypes.IN_TOTO
              + "'");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] payload;
    List<byte[]> sigs = new ArrayList<>();
    try {
      payload = b64.decode(Json.string(envelope, "payload", "$.dsseEnvelope"));
      ArrayNode sigNodes = Json.array(envelope, "signatures", "$.dsseEnvelope");
      for (int i = 0; i < sigNodes.size(); i++) {
        String path = "$.dsseEnvelope.signatures[" + i + "]";
        sigs.add(b64.decode(Json.string(Json.object(sigNodes.get(i), path), "sig", path)));
      }
    } catch (IllegalArgumentException e) {
      throw new OciException("sigstore bundle " + where + ": invalid base64", e);
    } catch (OciException e) {
      throw new OciException("sigstore bundle " + where + ": " + e.getMessage(), e);
    }
    String what = "in-toto statement in bundle " + where;
    JsonNode statement = Json.parse(payload, what);
    String type = statement.path("_type").asString("");
    if (!type.equals(STATEMENT_V1) && !type.equals(STATEMENT_V01)) {
      throw new OciException(what + ": $._type is '" + type + "'");
    }
    String predicateType = statement.path("predicateType").asString("");
    if (!predicateType.equals(PREDICATE_TYPE)) {
      throw new OciException(
          what
              + ": $.predicateType is '"
              + predicateType
              + "', expected '"
              + PREDICATE_TYPE
              + "' (cosign's signature; an attestation such as provenance or an SBOM is not an approval)");
    }
    List<Subject> subjects = new ArrayList<>();
    JsonNode subjectNodes = statement.path("subject");
    if (subjectNodes instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String hex = array.get(i).path("digest").path("sha256").asString("");
        if (!hex.isEmpty()) {
          try {
            subjects.add(
                new Subject(array.get(i).path("name").asString(""), Digest.parse("sha256:" + hex)));
          } catch (OciException e) {
            throw new OciException(
                what + ": $.subject[" + i + "].digest.sha256: " + e.getMessage(), e);
          }
        }
      }
    }
    return new Parsed(payload, sigs, subjects);
  }

  /** True if some envelope signature verifies with {@code key}. */
  static boolean verifiedBy(Parsed parsed, PublicKey key) {
    byte[] pae = pae(MediaTypes.IN_TOTO, parsed.payload());
    return parsed.signatures().stream().anyMatch(sig -> Keys.verify(key, pae, sig));
  }
}
