package dev.corral.schema.codec;

import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.Value;
import dev.corral.schema.TypeSchemas;
import dev.corral.schema.wit.WitText;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Converts MCP tool arguments (a JSON object with one member per WIT parameter) into component
 * values. A missing or null {@code arguments} is an empty object; a missing parameter of an {@code
 * option} type is {@code none}; unknown members are rejected.
 */
public final class JsonArguments {
  private JsonArguments() {}

  /**
   * The argument values for a call to a function of type {@code type}, in parameter order.
   *
   * @throws ArgumentException if {@code arguments} does not match the parameters, naming the JSON
   *     path, the expected type and the value received
   */
  public static List<Value> toValues(JsonNode arguments, FuncType type) throws ArgumentException {
    if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
      arguments = TypeSchemas.NODES.objectNode();
    }
    List<String> names = type.params().stream().map(Field::name).toList();
    if (!arguments.isObject()) {
      throw JsonPaths.mismatch(
          "$", "an object with the parameters " + String.join(", ", names), arguments);
    }
    JsonReader.rejectUnknown(arguments, names, "$");
    List<Value> values = new ArrayList<>(type.params().size());
    for (Field param : type.params()) {
      String path = JsonPaths.child("$", param.name());
      JsonNode json = arguments.get(param.name());
      if (json == null) {
        if (param.type() instanceof OptionType) {
          values.add(OptionValue.none());
          continue;
        }
        throw new ArgumentException(
            path, WitText.type(param.type()), "nothing (the parameter is missing)");
      }
      values.add(JsonValues.fromJson(json, param.type(), path));
    }
    return values;
  }
}
