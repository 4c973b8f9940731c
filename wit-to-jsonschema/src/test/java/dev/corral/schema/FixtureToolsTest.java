package dev.corral.schema;

import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.schema.tools.ToolCatalog;
import dev.corral.schema.wit.ComponentDocs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The MCP tool definitions of the shared real components, against golden files. */
class FixtureToolsTest {

  static Stream<String> fixtures() {
    return Stream.of(
        "adder.component.wasm",
        "asmjs_bigint.component.wasm",
        "calculator.composed.wasm",
        "echo.component.wasm",
        "filesystem.wasm",
        "flavorful.component.wasm",
        "lists.component.wasm",
        "many-arguments.component.wasm",
        "numbers.component.wasm",
        "options.component.wasm",
        "records.component.wasm",
        "resource-borrow-simple.component.wasm",
        "resource-import-and-export.component.wasm",
        "resource_aggregates.component.wasm",
        "resource_borrow_in_record.component.wasm",
        "resource_with_lists.component.wasm",
        "resources.component.wasm",
        "results.component.wasm",
        "smoke.component.wasm",
        "strings.component.wasm",
        "variants.component.wasm",
        "versions.component.wasm",
        "world-types.component.wasm");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void toolDefinitionsMatchGolden(String fixture) throws Exception {
    CompiledComponent component = TestComponents.compile(fixture);
    ToolCatalog catalog = ToolCatalog.of(component, ComponentDocs.of(component.component()));
    Golden.assertJson("tools/" + fixture.replace(".wasm", ""), json(catalog));
  }

  static ObjectNode json(ToolCatalog catalog) {
    return catalog.toJson();
  }
}
