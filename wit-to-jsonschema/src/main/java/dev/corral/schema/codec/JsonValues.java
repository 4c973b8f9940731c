package dev.corral.schema.codec;

import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.values.Value;
import dev.corral.schema.TypeSchemas;
import tools.jackson.databind.JsonNode;

/**
 * Converts between JSON and component values of a given WIT type, in the form described by {@link
 * TypeSchemas}. Reading is strict: anything not of the expected shape is an {@link
 * ArgumentException} naming the JSON path.
 */
public final class JsonValues {
  private JsonValues() {}

  /** Reads the JSON value at {@code path} as a value of {@code type}. */
  public static Value fromJson(JsonNode json, ValType type, String path) throws ArgumentException {
    return JsonReader.read(json, type, path);
  }

  /** Writes {@code value}, of type {@code type}, as JSON. */
  public static JsonNode toJson(Value value, ValType type) {
    return JsonWriter.write(value, type);
  }
}
