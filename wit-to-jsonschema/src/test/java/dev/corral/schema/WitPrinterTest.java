package dev.corral.schema;

import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.schema.tools.ToolCatalog;
import dev.corral.schema.wit.ComponentDocs;
import dev.corral.schema.wit.WitPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The WIT text of the shared real components, against golden files. */
class WitPrinterTest {

  static java.util.stream.Stream<String> fixtures() {
    return FixtureToolsTest.fixtures();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void worldPrintsAsGoldenWit(String fixture) throws Exception {
    CompiledComponent component = TestComponents.compile(fixture);
    Golden.assertText(
        "wit/" + fixture.replace(".wasm", ".wit"), WitPrinter.print(component.world()));
  }

  static final String ECHO_DOCS =
      """
      {"worlds": {"echo-world": {"docs": "Echoes values back."}},
       "interfaces": {"echo": {
         "docs": "Identity functions over nested WIT types,\\nfor round-trip tests of the JSON mapping.",
         "funcs": {"echo-shape": "Returns the shape it is given."},
         "types": {
           "point": {"docs": "A point on a grid.", "items": {"x": "Horizontal position.", "y": "Vertical position."}},
           "shape": {"items": {"circle": "A circle of this radius."}},
           "color": {"items": {"red": "Warm."}},
           "perms": {"docs": "Access rights.", "items": {"exec": "May run."}}}}}}""";

  @Test
  void docCommentsComeFromPackageDocs() throws Exception {
    CompiledComponent component =
        CompiledComponent.compile(
            ComponentDocsTest.withPackageDocs(
                TestComponents.bytes("echo.component.wasm"), 0, ECHO_DOCS));
    ComponentDocs docs = ComponentDocs.of(component.component());
    Golden.assertText("wit/echo-with-docs.wit", WitPrinter.print(component.world(), docs));
    Golden.assertJson(
        "tools/echo-with-docs", FixtureToolsTest.json(ToolCatalog.of(component, docs)));
  }
}
