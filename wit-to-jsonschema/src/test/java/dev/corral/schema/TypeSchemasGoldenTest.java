package dev.corral.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ValType;
import dev.corral.schema.wit.WitText;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TypeSchemasGoldenTest {

  static Stream<Arguments> types() {
    return WitTypes.all().entrySet().stream()
        .filter(e -> !e.getKey().equals("deep"))
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void schemaMatchesGolden(String name, ValType type) {
    ObjectNode golden = TypeSchemas.NODES.objectNode();
    golden.put("wit", WitText.type(type));
    golden.set("input", TypeSchemas.input(type));
    golden.set("output", TypeSchemas.output(type));
    Golden.assertJson("types/" + name, golden);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void outputSchemaDiffersFromInputOnlyForBytes(String name, ValType type) {
    boolean hasBytes = WitText.type(type).contains("list<u8");
    assertEquals(!hasBytes, TypeSchemas.input(type).equals(TypeSchemas.output(type)), name);
  }

  @Test
  void deeplyNestedShapeNestsItsSchemas() {
    JsonNode viaChildren = TypeSchemas.input(WitTypes.deep(6));
    JsonNode viaParent = viaChildren;
    for (int i = 0; i < 6; i++) {
      assertEquals(4294967295L, viaChildren.at("/properties/value/maximum").longValue());
      assertEquals("null", viaParent.at("/properties/parent/anyOf/0/type").stringValue());
      viaChildren = viaChildren.at("/properties/children/items");
      viaParent = viaParent.at("/properties/parent/anyOf/1");
    }
    assertEquals(TypeSchemas.input(Primitive.S64), viaChildren);
    assertEquals(TypeSchemas.input(Primitive.S64), viaParent);
  }
}
