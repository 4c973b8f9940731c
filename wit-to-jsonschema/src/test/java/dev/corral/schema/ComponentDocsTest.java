package dev.corral.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.binary.ComponentDecoder;
import dev.corral.sandbox.binary.CustomSection;
import dev.corral.sandbox.binary.PackageDocs;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.schema.tools.ToolCatalog;
import dev.corral.schema.tools.ToolDefinition;
import dev.corral.schema.wit.ComponentDocs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComponentDocsTest {
  private static final String CALCULATOR_DOCS =
      """
      {"docs": "A calculator.",
       "interfaces": {"calculate": {
         "docs": "Evaluates expressions.",
         "funcs": {"eval-expression": "Evaluates `x op y` and returns the result.\\n"},
         "types": {"op": {"docs": "An operation.", "items": {"add": "Adds x and y."}}}}}}""";

  @Test
  void docsFromAPackageDocsSectionDescribeToolsAndTypes() throws Exception {
    CompiledComponent component =
        CompiledComponent.compile(
            withPackageDocs(TestComponents.bytes("calculator.composed.wasm"), 0, CALCULATOR_DOCS));
    ComponentDocs docs = ComponentDocs.of(component.component());
    ToolDefinition tool = ToolCatalog.of(component, docs).tools().get(0);
    assertEquals("docs_calculator_calculate_eval-expression", tool.name());
    assertEquals(
        "Evaluates `x op y` and returns the result.\n\n"
            + "WIT: eval-expression: func(op: op, x: u32, y: u32) -> u32 (docs:calculator/calculate@0.1.0)",
        tool.description());
    assertEquals(
        Golden.json(
            """
        {"title": "op", "type": "string", "enum": ["add"],
         "description": "An operation.\\nadd: Adds x and y."}"""),
        tool.inputSchema().at("/properties/op"));
    Golden.assertJson(
        "tools/calculator-with-docs", FixtureToolsTest.json(ToolCatalog.of(component, docs)));
  }

  @Test
  void readsVersionZeroFunctionStringsOfTheNamedPackageOnly() throws Exception {
    ComponentDocs docs =
        parse(0, CALCULATOR_DOCS.replaceFirst("\\{", "{\"package\": \"docs:calculator@0.1.0\", "));
    assertEquals(Optional.of("A calculator."), docs.packageDocs());
    assertEquals(
        Optional.of("Evaluates expressions."),
        docs.interfaceDocs("docs:calculator/calculate@0.1.0"));
    assertEquals(
        Optional.of("Evaluates `x op y` and returns the result.\n"),
        docs.functionDocs(Optional.of("docs:calculator/calculate@0.1.0"), "eval-expression"));
    assertEquals(
        Optional.of(
            new PackageDocs.Type(Optional.of("An operation."), Map.of("add", "Adds x and y."))),
        docs.typeDocs(Optional.of("docs:calculator/calculate@0.1.0"), "op"));
    // Another version, another package, a kebab name: not this package's interface.
    assertEquals(
        Optional.empty(),
        docs.functionDocs(Optional.of("docs:calculator/calculate@0.2.0"), "eval-expression"));
    assertEquals(Optional.empty(), docs.interfaceDocs("docs:calculator/calculate"));
    assertEquals(Optional.empty(), docs.interfaceDocs("other:calculator/calculate@0.1.0"));
    assertEquals(Optional.empty(), docs.interfaceDocs("calculate"));
    assertEquals(Optional.empty(), docs.functionDocs(Optional.empty(), "eval-expression"));
    // A section read on its own that names no package matches no package's interfaces.
    assertEquals(
        Optional.empty(),
        parse(0, CALCULATOR_DOCS).interfaceDocs("docs:calculator/calculate@0.1.0"));
    assertEquals(Optional.of("A calculator."), parse(0, CALCULATOR_DOCS).packageDocs());
  }

  /**
   * versions.component.wasm exports test:dep/test@0.1.0 and test:dep/test@0.2.0, both with a
   * function x.
   */
  private static List<String> versionsDescriptions(String... sections) throws Exception {
    byte[] bytes = TestComponents.bytes("versions.component.wasm");
    for (String json : sections) {
      bytes = withPackageDocs(bytes, 1, json);
    }
    CompiledComponent component = CompiledComponent.compile(bytes);
    return ToolCatalog.describe(component, ComponentDocs.of(component.component())).stream()
        .filter(t -> t.name().startsWith("test_dep_test_x"))
        .map(t -> t.name() + ": " + t.description().lines().findFirst().orElseThrow())
        .toList();
  }

  @Test
  void eachSectionDocumentsTheInterfacesOfItsOwnPackage() throws Exception {
    assertEquals(
        List.of("test_dep_test_x: X of 0.1.", "test_dep_test_x_2: X of 0.2."),
        versionsDescriptions(
            "{\"package\": \"test:dep@0.2.0\", \"interfaces\": {\"test\": {\"funcs\": {\"x\": {\"docs\": \"X of 0.2.\"}}}}}",
            "{\"package\": \"test:dep@0.1.0\", \"interfaces\": {\"test\": {\"funcs\": {\"x\": {\"docs\": \"X of 0.1.\"}}}}}"));
    assertEquals(
        List.of(
            "test_dep_test_x: Calls the WebAssembly component function x from the interface test:dep/test@0.1.0.",
            "test_dep_test_x_2: X of 0.2."),
        versionsDescriptions(
            "{\"package\": \"test:dep@0.2.0\", \"interfaces\": {\"test\": {\"funcs\": {\"x\": {\"docs\": \"X of 0.2.\"}}}}}"));
  }

  @Test
  void aSectionWithoutAPackageNameDocumentsTheOnePackageWithThoseInterfacesOrNone()
      throws Exception {
    // Two packages of the component have an interface "test": which one the section means is
    // unknown.
    String unnamed = "{\"interfaces\": {\"test\": {\"funcs\": {\"x\": \"X.\"}}}}";
    assertEquals(
        List.of(
            "test_dep_test_x: Calls the WebAssembly component function x from the interface test:dep/test@0.1.0.",
            "test_dep_test_x_2: Calls the WebAssembly component function x from the interface test:dep/test@0.2.0."),
        versionsDescriptions(unnamed));
    // With the other package named by its own section, the unnamed one can only mean the remaining
    // package.
    assertEquals(
        List.of("test_dep_test_x: X.", "test_dep_test_x_2: X of 0.2."),
        versionsDescriptions(
            unnamed,
            "{\"package\": \"test:dep@0.2.0\", \"interfaces\": {\"test\": {\"funcs\": {\"x\": {\"docs\": \"X of 0.2.\"}}}}}"));
  }

  @Test
  void readsVersionOneWorldExportsWithStability() throws Exception {
    ComponentDocs docs =
        parse(
            1,
            """
        {"worlds": {"root": {
           "docs": "The world.",
           "func_exports": {"add": {"docs": "Adds two s64.", "stability": {"stable": {"since": "1.0.0"}}}},
           "funcs": {"sub": {"stability": {"unstable": {"feature": "x"}}}, "mul": null},
           "interface_exports": {"inline": {"funcs": {"run": "Runs."}}},
           "types": {"point": {"items": {"x": "The x."}}}}}}""");
    assertEquals(Optional.of("Adds two s64."), docs.functionDocs(Optional.empty(), "add"));
    assertEquals(Optional.empty(), docs.functionDocs(Optional.empty(), "sub"));
    assertEquals(Optional.empty(), docs.functionDocs(Optional.empty(), "mul"));
    assertEquals(Optional.of("Runs."), docs.functionDocs(Optional.of("inline"), "run"));
    assertEquals(
        Optional.of(new PackageDocs.Type(Optional.empty(), Map.of("x", "The x."))),
        docs.typeDocs(Optional.empty(), "point"));
  }

  @Test
  void worldLevelDocsDescribeAWorldLevelExport() throws Exception {
    CompiledComponent component =
        CompiledComponent.compile(
            withPackageDocs(
                TestComponents.bytes("asmjs_bigint.component.wasm"),
                1,
                "{\"worlds\": {\"w\": {\"func_exports\": {\"add\": {\"docs\": \"Adds exactly.\"}}}}}"));
    List<ToolDefinition> tools =
        ToolCatalog.describe(component, ComponentDocs.of(component.component()));
    assertEquals(
        "Adds exactly.\n\nWIT: add: func(x: s64, y: s64) -> s64", tools.get(0).description());
  }

  @Test
  void componentsWithoutTheSectionHaveNoDocs() throws Exception {
    assertTrue(
        ComponentDocs.of(TestComponents.compile("adder.component.wasm").component()).isEmpty());
    assertTrue(ComponentDocs.none().isEmpty());
  }

  /**
   * The sandbox's {@code PackageDocs} parses the sections; a malformed one fails {@code of} with
   * its exact message (before, this module's own parser said "expected a string, got 5" without
   * offsets).
   */
  @Test
  void malformedSectionsFailWithTheSandboxParsersMessage() throws Exception {
    byte[] adder = TestComponents.bytes("adder.component.wasm");
    assertError(
        adder,
        7,
        "{}",
        adder.length + 15,
        "custom section package-docs (section at byte offset "
            + (adder.length + 2)
            + "): unsupported version 7,"
            + " expected 0 or 1");
    String json = "{\"interfaces\": {\"calculate\": {\"funcs\": {\"eval-expression\": 5}}}}";
    assertError(
        adder,
        0,
        json,
        adder.length + 16 + json.indexOf('5'),
        "custom section package-docs (section at byte offset "
            + (adder.length + 2)
            + "): "
            + "$.interfaces.calculate.funcs.eval-expression: expected a string, an object or null, found a number");
    assertError(
        adder,
        1,
        "{\"package\": 1}",
        adder.length + 16 + 12,
        "custom section package-docs (section at byte offset "
            + (adder.length + 2)
            + "): "
            + "$.package: expected a string or null, found a number");
  }

  /**
   * {@code offset}: the section is appended after the component, as one byte of id, one of size,
   * one of name length and the 12 of its name; then the version byte and the JSON.
   */
  private static void assertError(
      byte[] component, int version, String json, long offset, String reason) throws Exception {
    Component withDocs = ComponentDecoder.decode(withPackageDocs(component, version, json));
    ComponentDecodeException e =
        assertThrows(ComponentDecodeException.class, () -> ComponentDocs.of(withDocs));
    assertEquals("at byte offset " + offset + ": " + reason, e.getMessage());
    assertEquals(offset, e.offset());
  }

  private static ComponentDocs parse(int version, String json) throws ComponentDecodeException {
    return ComponentDocs.of(
        List.of(
            PackageDocs.parse(
                new CustomSection(PackageDocs.SECTION_NAME, bytes(version, json), 0, 0))));
  }

  private static byte[] bytes(int version, String json) {
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    byte[] contents = new byte[text.length + 1];
    contents[0] = (byte) version;
    System.arraycopy(text, 0, contents, 1, text.length);
    return contents;
  }

  /**
   * Appends a {@code package-docs} custom section to a component binary, the way tools attach WIT
   * docs to an already built component.
   */
  static byte[] withPackageDocs(byte[] component, int version, String json) {
    byte[] name = PackageDocs.SECTION_NAME.getBytes(StandardCharsets.UTF_8);
    byte[] contents = bytes(version, json);
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    leb(payload, name.length);
    payload.writeBytes(name);
    payload.writeBytes(contents);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(component);
    out.write(0);
    leb(out, payload.size());
    out.writeBytes(payload.toByteArray());
    return out.toByteArray();
  }

  private static void leb(ByteArrayOutputStream out, int value) {
    do {
      int b = value & 0x7F;
      value >>>= 7;
      out.write(value == 0 ? b : b | 0x80);
    } while (value != 0);
  }
}
