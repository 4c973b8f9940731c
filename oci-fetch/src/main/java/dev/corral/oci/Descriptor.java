package dev.corral.oci;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OCI content descriptor.
 *
 * @param mediaType the content's media type
 * @param digest its digest
 * @param size its length in bytes
 * @param artifactType artifact type (manifests in an index or referrers list), or null
 * @param annotations annotations, possibly empty
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    String artifactType,
    Map<String, String> annotations) {
  public Descriptor {
    annotations = Map.copyOf(annotations);
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
  }

  public static Descriptor of(String mediaType, byte[] content) {
    return new Descriptor(mediaType, Digest.sha256(content), content.length, null, Map.of());
  }

  public Descriptor withAnnotations(Map<String, String> newAnnotations) {
    return new Descriptor(mediaType, digest, size, artifactType, newAnnotations);
  }

  static Descriptor fromJson(JsonNode node, String path) throws OciException {
    if (node == null || !node.isObject()) {
      throw new OciException(path + " must be a descriptor object");
    }
    String mediaType = Json.string(node, "mediaType", path);
    Digest digest;
    try {
      digest = Digest.parse(Json.string(node, "digest", path));
    } catch (OciException e) {
      throw new OciException(path + ".digest: " + e.getMessage());
    }
    JsonNode size = node.get("size");
    if (size == null
        || !size.canConvertToExactIntegral()
        || !size.canConvertToLong()
        || size.asLong() < 0) {
      throw new OciException(path + ".size must be a non-negative integer below 2^63");
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    JsonNode ann = node.get("annotations");
    if (ann != null && !ann.isNull()) {
      if (!ann.isObject()) {
        throw new OciException(path + ".annotations must be an object");
      }
      for (String key : ann.propertyNames()) {
        annotations.put(key, Json.string(ann, key, path + ".annotations"));
      }
    }
    return new Descriptor(
        mediaType,
        digest,
        size.asLong(),
        Json.optionalString(node, "artifactType", path),
        annotations);
  }

  ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("mediaType", mediaType);
    if (artifactType != null) {
      node.put("artifactType", artifactType);
    }
    node.put("digest", digest.toString());
    node.put("size", size);
    if (!annotations.isEmpty()) {
      ObjectNode ann = node.putObject("annotations");
      annotations.forEach(ann::put);
    }
    return node;
  }
}
