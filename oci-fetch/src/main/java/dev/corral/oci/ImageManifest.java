package dev.corral.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OCI image manifest (also used for artifacts and signatures).
 *
 * @param mediaType the manifest's media type
 * @param artifactType artifact type, or null
 * @param config config descriptor
 * @param layers layer descriptors in order
 * @param subject the manifest this one refers to (referrers), or null
 * @param annotations manifest annotations
 */
public record ImageManifest(
    String mediaType,
    String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    Descriptor subject,
    Map<String, String> annotations) {
  public ImageManifest {
    layers = List.copyOf(layers);
    annotations = Map.copyOf(annotations);
  }

  /** Parses manifest bytes; {@code where} names the manifest in error messages. */
  public static ImageManifest parse(byte[] bytes, String where) throws OciException {
    JsonNode root = Json.parse(bytes, "manifest " + where);
    JsonNode schema = root.get("schemaVersion");
    if (schema == null || schema.asInt(0) != 2) {
      throw new OciException("manifest " + where + ": $.schemaVersion must be 2");
    }
    String mediaType = Json.optionalString(root, "mediaType", "$");
    if (mediaType == null) {
      mediaType = MediaTypes.OCI_MANIFEST;
    }
    if (!mediaType.equals(MediaTypes.OCI_MANIFEST)
        && !mediaType.equals(MediaTypes.DOCKER_MANIFEST)) {
      throw new OciException(
          "manifest "
              + where
              + " has media type "
              + mediaType
              + ", expected "
              + MediaTypes.OCI_MANIFEST);
    }
    try {
      Descriptor config = Descriptor.fromJson(root.get("config"), "$.config");
      JsonNode layersNode = root.get("layers");
      if (layersNode == null || !layersNode.isArray()) {
        throw new OciException("$.layers must be an array");
      }
      List<Descriptor> layers = new ArrayList<>();
      for (int i = 0; i < layersNode.size(); i++) {
        layers.add(Descriptor.fromJson(layersNode.get(i), "$.layers[" + i + "]"));
      }
      Descriptor subject =
          root.has("subject") ? Descriptor.fromJson(root.get("subject"), "$.subject") : null;
      Map<String, String> annotations = new LinkedHashMap<>();
      JsonNode ann = root.get("annotations");
      if (ann != null && ann.isObject()) {
        for (String key : ann.propertyNames()) {
          annotations.put(key, Json.string(ann, key, "$.annotations"));
        }
      }
      return new ImageManifest(
          mediaType,
          Json.optionalString(root, "artifactType", "$"),
          config,
          layers,
          subject,
          annotations);
    } catch (OciException e) {
      throw new OciException("manifest " + where + ": " + e.getMessage(), e);
    }
  }

  /** Canonical bytes to push (compact JSON, fields in a fixed order). */
  public byte[] toBytes() {
    ObjectNode root = Json.object();
    root.put("schemaVersion", 2);
    root.put("mediaType", mediaType);
    if (artifactType != null) {
      root.put("artifactType", artifactType);
    }
    root.set("config", config.toJson());
    ArrayNode array = root.putArray("layers");
    layers.forEach(l -> array.add(l.toJson()));
    if (subject != null) {
      root.set("subject", subject.toJson());
    }
    if (!annotations.isEmpty()) {
      ObjectNode ann = root.putObject("annotations");
      annotations.forEach(ann::put);
    }
    return Json.bytes(root);
  }
}
