package dev.corral.oci;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OCI image index, as returned by the referrers API or stored at the referrers fallback tag.
 *
 * @param manifests the listed manifests
 */
public record ImageIndex(List<Descriptor> manifests) {
  public ImageIndex {
    manifests = List.copyOf(manifests);
  }

  public static ImageIndex parse(byte[] bytes, String where) throws OciException {
    JsonNode root = Json.parse(bytes, "index " + where);
    JsonNode list = root.get("manifests");
    if (list == null || list.isNull()) {
      return new ImageIndex(List.of());
    }
    if (!list.isArray()) {
      throw new OciException("index " + where + ": $.manifests must be an array");
    }
    List<Descriptor> manifests = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        manifests.add(Descriptor.fromJson(list.get(i), "$.manifests[" + i + "]"));
      } catch (OciException e) {
        throw new OciException("index " + where + ": " + e.getMessage(), e);
      }
    }
    return new ImageIndex(manifests);
  }

  public byte[] toBytes() {
    ObjectNode root = Json.object();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode array = root.putArray("manifests");
    manifests.forEach(m -> array.add(m.toJson()));
    return Json.bytes(root);
  }
}
