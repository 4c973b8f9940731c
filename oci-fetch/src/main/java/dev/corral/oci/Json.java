package dev.corral.oci;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The module's one JSON mapper and strict readers that name the JSON path of bad input. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static JsonNode parse(byte[] bytes, String what) throws OciException {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new OciException(what + " is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new OciException(
          what
              + " is not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() != null
                  ? " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                  : ""),
          e);
    }
  }

  /** {@code node} itself, if it is a JSON object. */
  static JsonNode object(JsonNode node, String path) throws OciException {
    if (node == null || !node.isObject()) {
      throw new OciException(path + " must be an object");
    }
    return node;
  }

  /** The array {@code parent.field}; {@code parent} must be an object. */
  static ArrayNode array(JsonNode parent, String field, String path) throws OciException {
    JsonNode node = object(parent, path).get(field);
    if (!(node instanceof ArrayNode array)) {
      throw new OciException(path + "." + field + " must be an array");
    }
    return array;
  }

  static String string(JsonNode parent, String field, String path) throws OciException {
    JsonNode node = object(parent, path).get(field);
    if (node == null || !node.isString()) {
      throw new OciException(path + "." + field + " must be a string");
    }
    return node.stringValue();
  }

  static String optionalString(JsonNode parent, String field, String path) throws OciException {
    JsonNode node = object(parent, path).get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw new OciException(path + "." + field + " must be a string");
    }
    return node.stringValue();
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }
}
