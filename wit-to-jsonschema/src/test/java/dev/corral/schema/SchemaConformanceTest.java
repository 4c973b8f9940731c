package dev.corral.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.Value;
import dev.corral.schema.codec.ArgumentException;
import dev.corral.schema.codec.JsonArguments;
import dev.corral.schema.codec.JsonResults;
import dev.corral.schema.codec.JsonValues;
import dev.corral.schema.tools.ToolCatalog;
import dev.corral.schema.tools.ToolDefinition;
import dev.corral.schema.wit.ComponentDocs;
import dev.corral.schema.wit.WitText;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas agree with the conversions, checked by an independent JSON Schema 2020-12 validator
 * (networknt): every JSON form the converters produce or accept validates against its schema, and
 * JSON the converters reject is rejected by the schema too.
 */
class SchemaConformanceTest {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final int RUNS = 100;

  static Stream<Arguments> types() {
    return WitTypes.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void randomValuesValidateAgainstBothSchemas(String name, ValType type) throws Exception {
    Schema input = REGISTRY.getSchema(TypeSchemas.input(type));
    Schema output = REGISTRY.getSchema(TypeSchemas.output(type));
    RandomValues random = new RandomValues(name.hashCode());
    for (int run = 0; run < RUNS; run++) {
      Value value = random.of(type);
      JsonNode json = JsonValues.toJson(value, type);
      assertValid(output, json);
      assertValid(input, json);
      assertEquals(value, JsonValues.fromJson(json, type, "$"), json.toString());
    }
  }

  @Test
  void lenientInputFormsValidateAgainstTheInputSchemaOnly() throws Exception {
    ListType bytes = new ListType(Primitive.U8);
    JsonNode array = Golden.json("[0, 255]");
    assertValid(REGISTRY.getSchema(TypeSchemas.input(bytes)), array);
    assertFalse(REGISTRY.getSchema(TypeSchemas.output(bytes)).validate(array).isEmpty());
    assertEquals(
        new ListValue(List.of(new IntValue(Primitive.U8, 0), new IntValue(Primitive.U8, 255))),
        JsonValues.fromJson(array, bytes, "$"));
    JsonNode smallAsString = Golden.json("\"42\"");
    assertValid(REGISTRY.getSchema(TypeSchemas.input(Primitive.U64)), smallAsString);
    assertEquals(
        new IntValue(Primitive.U64, 42), JsonValues.fromJson(smallAsString, Primitive.U64, "$"));
    // The longest decimal strings the pattern allows, leading zeros included, are read like
    // numbers.
    JsonNode twentyDigits = Golden.json("\"00000000000000000042\"");
    assertValid(REGISTRY.getSchema(TypeSchemas.input(Primitive.U64)), twentyDigits);
    assertEquals(
        new IntValue(Primitive.U64, 42), JsonValues.fromJson(twentyDigits, Primitive.U64, "$"));
    JsonNode s64Min = Golden.json("\"-9223372036854775808\"");
    assertValid(REGISTRY.getSchema(TypeSchemas.input(Primitive.S64)), s64Min);
    assertEquals(
        new IntValue(Primitive.S64, Long.MIN_VALUE),
        JsonValues.fromJson(s64Min, Primitive.S64, "$"));
  }

  @Test
  void valuesTheConvertersRejectTheSchemasRejectToo() {
    Map<ValType, List<String>> invalid =
        Map.of(
            Primitive.U8,
            List.of("256", "-1", "1.5", "\"1\"", "true"),
            Primitive.S64,
            List.of(
                "9223372036854775808",
                "\"x\"",
                "1.5",
                "\"+1\"",
                "\"-00000000000000000001\"",
                "\"1 \""),
            Primitive.U64,
            List.of("-1", "\"-0\"", "\"000000000000000000001\"", "\"1e3\"", "\"42\\n\"", "\"\""),
            Primitive.CHAR,
            List.of("\"ab\"", "\"\"", "1"),
            WitTypes.POINT,
            List.of("{\"x\": 1}", "{\"x\": 1, \"y\": 2, \"z\": 3}", "[1, 2]"),
            WitTypes.SHAPE,
            List.of(
                "{\"tag\": \"square\"}",
                "{\"tag\": \"empty\", \"val\": 1}",
                "{\"tag\": \"circle\"}"),
            WitTypes.COLOR,
            List.of("\"Red\"", "0"),
            WitTypes.PERMISSIONS,
            List.of("[\"read\", \"read\"]", "[\"delete\"]", "{\"read\": true}"),
            new dev.corral.sandbox.types.TupleType(List.of(Primitive.STRING, Primitive.U8)),
            List.of("[\"a\"]", "[\"a\", 1, 2]"));
    invalid.forEach(
        (type, values) -> {
          Schema schema = REGISTRY.getSchema(TypeSchemas.input(type));
          for (String text : values) {
            JsonNode json = Golden.json(text);
            assertFalse(
                schema.validate(json).isEmpty(),
                "schema of " + WitText.type(type) + " accepts " + text);
            assertThrows(
                ArgumentException.class,
                () -> JsonValues.fromJson(json, type, "$"),
                "conversion to " + WitText.type(type) + " accepts " + text);
          }
        });
  }

  static Stream<String> fixtures() {
    return FixtureToolsTest.fixtures();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void toolArgumentsAndResultsOfTheFixturesValidate(String fixture) throws Exception {
    CompiledComponent component = TestComponents.compile(fixture);
    RandomValues random = new RandomValues(fixture.hashCode());
    for (ToolDefinition tool : ToolCatalog.of(component, ComponentDocs.none()).tools()) {
      FuncType type = tool.function().type();
      Schema input = REGISTRY.getSchema(tool.inputSchema());
      Schema output = REGISTRY.getSchema(tool.outputSchema());
      for (int run = 0; run < 20; run++) {
        ObjectNode arguments = TypeSchemas.NODES.objectNode();
        for (Field param : type.params()) {
          arguments.set(param.name(), JsonValues.toJson(random.of(param.type()), param.type()));
        }
        assertValid(input, arguments);
        JsonArguments.toValues(arguments, type);
        Optional<Value> result = type.result().map(random::of);
        assertValid(output, JsonResults.toJson(result, type));
      }
    }
  }

  private static void assertValid(Schema schema, JsonNode json) {
    List<Error> errors = schema.validate(json);
    assertEquals(List.of(), errors.stream().map(Error::toString).toList(), json.toString());
  }
}
