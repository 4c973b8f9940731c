package dev.corral.schema.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.FuncType;
import dev.corral.schema.TestComponents;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes {@link JsonArguments#toValues} with arbitrary JSON against the parameter types of every
 * export of real components (numbers, strings, lists, records, variants, flags, options, results,
 * resources): each document either converts or fails with {@link ArgumentException} naming a JSON
 * path; anything else is a finding. Text that is not JSON is skipped (Jackson's concern).
 */
class JsonArgumentsFuzzTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<FuncType> TYPES =
      exportTypes(
          "numbers.component.wasm",
          "strings.component.wasm",
          "lists.component.wasm",
          "records.component.wasm",
          "variants.component.wasm",
          "flavorful.component.wasm",
          "resources.component.wasm");

  @FuzzTest(maxDuration = "5s")
  void toValues(FuzzedDataProvider data) {
    FuncType type = TYPES.get(data.consumeInt(0, TYPES.size() - 1));
    JsonNode arguments;
    try {
      arguments = JSON.readTree(data.consumeRemainingAsString());
    } catch (JacksonException notJson) {
      return;
    }
    try {
      JsonArguments.toValues(arguments, type);
    } catch (ArgumentException expected) {
      if (!expected.path().startsWith("$")) {
        throw new AssertionError(
            "an argument error without a JSON path: " + expected.getMessage(), expected);
      }
    }
  }

  private static List<FuncType> exportTypes(String... components) {
    List<FuncType> types = new ArrayList<>();
    try {
      for (String name : components) {
        for (ExportedFunction function : TestComponents.compile(name).exports()) {
          types.add(function.type());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return List.copyOf(types);
  }
}
