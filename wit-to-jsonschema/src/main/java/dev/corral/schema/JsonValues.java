package dev.corral.schema;

import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.values.Value;
import tools.jackson.databind.JsonNode;

/**
 * Converts between JSON and component values of a given WIT type, in the form described by
 * {@link TypeSchemas}. Reading is strict: anything not of the expected shape is an {@link
 * ArgumentException} naming the JSON path.
 */
public final class JsonValues {
  private JsonValues() {}

  /**
   * Whether JSON {@code null} is one of the forms of {@code type}: true for {@code option}. An
   * {@code option<T>} whose T is nullable writes {@code some(x)} as {@code {"some": x}}.
   */
  public static boolean isNullable(ValType type) {
    return type instanceof OptionType;
  }

  /** Reads the JSON value at {@code path} as a value of {@code type}. */
  public static Value fromJson(JsonNode json, ValType type, String path) throws ArgumentException {
    return JsonReader.read(json, type, path);
  }

  /** Writes {@code value}, of type {@code type}, as JSON. */
  public static JsonNode toJson(Value value, ValType type) {
    return JsonWriter.write(value, type);
  }
}
