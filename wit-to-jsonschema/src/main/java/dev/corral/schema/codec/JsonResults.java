package dev.corral.schema.codec;

import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.Value;
import dev.corral.schema.TypeSchemas;
import dev.corral.schema.wit.WitText;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts a function's result into MCP structured content: {@code {"result": R}}, or {@code {}}
 * for a function without a result, matching {@link TypeSchemas#outputSchema}.
 */
public final class JsonResults {
  private JsonResults() {}

  /**
   * The structured content for {@code result}, returned by a function of type {@code type}.
   *
   * @throws IllegalArgumentException if the result's presence does not match the type
   */
  public static ObjectNode toJson(Optional<Value> result, FuncType type) {
    ObjectNode content = TypeSchemas.NODES.objectNode();
    if (result.isPresent() != type.result().isPresent()) {
      throw new IllegalArgumentException(
          "the function type "
              + WitText.func(type)
              + (result.isPresent()
                  ? " has no result, but one was given"
                  : " has a result, but none was given"));
    }
    if (result.isPresent()) {
      try {
        content.set("result", JsonValues.toJson(result.get(), type.result().get()));
      } catch (ClassCastException
          | IndexOutOfBoundsException
          | java.util.NoSuchElementException e) {
        throw new IllegalArgumentException(
            "the result "
                + result.get()
                + " does not match the type "
                + WitText.type(type.result().get()),
            e);
      }
    }
    return content;
  }

  /**
   * Whether the call failed in WIT terms: the function returns a {@code result} and the value is
   * {@code err}. The MCP tool result then has {@code isError: true}; its structured content still
   * carries the error value as {@code {"result": {"tag": "err", "val": ...}}}.
   */
  public static boolean isError(Optional<Value> result, FuncType type) {
    return type.result().orElse(null) instanceof ResultType
        && result.orElse(null) instanceof ResultValue value
        && !value.isOk();
  }
}
