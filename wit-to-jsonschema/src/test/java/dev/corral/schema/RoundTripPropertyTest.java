package dev.corral.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ComponentInstance;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.values.Value;
import dev.corral.schema.codec.JsonArguments;
import dev.corral.schema.codec.JsonResults;
import dev.corral.schema.codec.JsonValues;
import dev.corral.schema.tools.ToolCatalog;
import dev.corral.schema.tools.ToolDefinition;
import dev.corral.schema.wit.ComponentDocs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random values go JSON text -> arguments -> a real component -> result -> JSON text, through the
 * jco test components' round-trip exports, and must come back exactly (or transformed the way the
 * guest's function is written to transform them): each value once in its canonical form and once in
 * the lenient input forms ({@link LenientJson}), which must give the same canonical result.
 * Arguments and results must validate against the tool's input and output schemas.
 */
class RoundTripPropertyTest {
  private static final int RUNS = 150;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Map<String, ComponentInstance> INSTANCES = new HashMap<>();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  static Stream<Arguments> functions() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (String n :
        List.of("u8", "s8", "u16", "s16", "u32", "s32", "u64", "s64", "f32", "f64", "char")) {
      cases.add(
          Arguments.of(
              "numbers.component.wasm", "test:numbers/test#roundtrip-" + n, identityOfA()));
    }
    cases.add(
        Arguments.of("lists.component.wasm", "test:lists/test#list-roundtrip", identityOfA()));
    cases.add(
        Arguments.of("lists.component.wasm", "test:lists/test#string-roundtrip", identityOfA()));
    cases.add(
        Arguments.of(
            "records.component.wasm", "test:records/test#roundtrip-flags1", identityOfA()));
    cases.add(
        Arguments.of(
            "records.component.wasm", "test:records/test#roundtrip-flags2", identityOfA()));
    cases.add(
        Arguments.of(
            "records.component.wasm", "test:records/test#roundtrip-flags3", tupleOfParams()));
    cases.add(
        Arguments.of(
            "records.component.wasm", "test:records/test#roundtrip-record1", identityOfA()));
    cases.add(Arguments.of("records.component.wasm", "test:records/test#tuple1", identityOfA()));
    cases.add(
        Arguments.of(
            "records.component.wasm",
            "test:records/test#swap-tuple",
            (Expected)
                args -> {
                  ArrayNode swapped = MAPPER.createArrayNode();
                  swapped.add(args.get("a").get(1));
                  swapped.add(args.get("a").get(0));
                  return swapped;
                }));
    cases.add(
        Arguments.of(
            "variants.component.wasm", "test:variants/test#roundtrip-enum", identityOfA()));
    cases.add(
        Arguments.of(
            "variants.component.wasm",
            "test:variants/test#invert-bool",
            (Expected) args -> MAPPER.getNodeFactory().booleanNode(!args.get("a").booleanValue())));
    cases.add(
        Arguments.of("variants.component.wasm", "test:variants/test#variant-casts", identityOfA()));
    cases.add(
        Arguments.of("variants.component.wasm", "test:variants/test#variant-zeros", identityOfA()));
    for (String n :
        List.of("option", "result", "points", "shape", "items", "nested", "tuple", "bytes")) {
      cases.add(
          Arguments.of("echo.component.wasm", "corral:echo/echo@0.1.0#echo-" + n, identityOfA()));
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("functions")
  void randomValuesRoundTripThroughTheComponent(String fixture, String function, Expected expected)
      throws Exception {
    ComponentInstance instance = instance(fixture);
    ExportedFunction exported = instance.function(function).orElseThrow();
    ToolDefinition tool = ToolCatalog.definition(exported, ComponentDocs.none());
    Schema inputSchema = SCHEMAS.getSchema(tool.inputSchema());
    Schema outputSchema = SCHEMAS.getSchema(tool.outputSchema());
    RandomValues random = new RandomValues(function.hashCode());
    int lenientDiffered = 0;
    for (int run = 0; run < RUNS; run++) {
      ObjectNode arguments = MAPPER.createObjectNode();
      ObjectNode lenient = MAPPER.createObjectNode();
      for (Field param : exported.type().params()) {
        JsonNode canonical = JsonValues.toJson(random.of(param.type()), param.type());
        arguments.set(param.name(), canonical);
        if (!(param.type() instanceof OptionType
            && canonical.isNull())) { // a missing option is none
          lenient.set(param.name(), LenientJson.of(canonical, param.type()));
        }
      }
      ObjectNode wanted = MAPPER.createObjectNode();
      wanted.set("result", expected.apply(arguments));
      String wantedText = MAPPER.writeValueAsString(wanted);
      boolean wantedErr = wantedError(wanted.get("result"));
      if (!MAPPER.writeValueAsString(lenient).equals(MAPPER.writeValueAsString(arguments))) {
        lenientDiffered++; // compared as text: member order counts
      }
      for (ObjectNode sent : List.of(arguments, lenient)) {
        String argumentText = MAPPER.writeValueAsString(sent);
        JsonNode received = MAPPER.readTree(argumentText);
        assertValid(inputSchema, received, "arguments " + argumentText);
        Optional<Value> result =
            instance.call(exported, JsonArguments.toValues(received, exported.type()));
        ObjectNode resultJson = JsonResults.toJson(result, exported.type());
        String resultText = MAPPER.writeValueAsString(resultJson);
        assertEquals(wantedText, resultText, "run " + run + ", arguments " + argumentText);
        assertEquals(wantedErr, JsonResults.isError(result, exported.type()), resultText);
        assertValid(outputSchema, MAPPER.readTree(resultText), "result " + resultText);
      }
    }
    boolean hasLenientForms =
        exported.type().params().stream()
            .anyMatch(p -> p.type() instanceof OptionType || LenientJson.exists(p.type()));
    assertEquals(
        hasLenientForms,
        lenientDiffered > 0,
        lenientDiffered + " of " + RUNS + " runs sent a lenient form");
  }

  private static void assertValid(Schema schema, JsonNode json, String what) {
    assertEquals(List.of(), schema.validate(json).stream().map(Object::toString).toList(), what);
  }

  private static boolean wantedError(JsonNode result) {
    return result.isObject()
        && result.has("tag")
        && result.get("tag").stringValue().equals("err")
        && !result.has("some");
  }

  private static Expected identityOfA() {
    return args -> args.get("a");
  }

  private static Expected tupleOfParams() {
    return args -> {
      ArrayNode tuple = MAPPER.createArrayNode();
      args.properties().forEach(e -> tuple.add(e.getValue()));
      return tuple;
    };
  }

  private static synchronized ComponentInstance instance(String fixture) throws Exception {
    ComponentInstance instance = INSTANCES.get(fixture);
    if (instance == null) {
      CompiledComponent compiled = TestComponents.compile(fixture);
      instance = compiled.instantiate(ImportStubs.linker(compiled.world()));
      INSTANCES.put(fixture, instance);
    }
    return instance;
  }

  /** The JSON result a function gives for the JSON arguments. */
  @FunctionalInterface
  interface Expected {
    JsonNode apply(ObjectNode arguments);
  }
}
