package dev.corral.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.binary.PackageDocs;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.schema.tools.ToolCatalog;
import dev.corral.schema.tools.ToolDefinition;
import dev.corral.schema.wit.ComponentDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WIT doc comments reach the component's package-docs section, where Corral reads tool
 * descriptions from.
 */
class SampleDocsTest {

  private SampleDocsTest() {}

  @ParameterizedTest
  @ValueSource(strings = {"compute", "config", "filesystem"})
  void everyExportedFunctionHasTheDocCommentOfItsWit(String tool) throws Exception {
    CompiledComponent component = CompiledComponent.compile(Samples.wasm(tool));
    ComponentDocs docs = ComponentDocs.of(component.component());
    Map<String, String> witDocs = functionDocsInWit(tool);
    assertEquals(
        witDocs.keySet(),
        component.exports().stream()
            .map(ExportedFunction::name)
            .collect(java.util.stream.Collectors.toSet()));
    for (ExportedFunction f : component.exports()) {
      assertEquals(
          Optional.of(witDocs.get(f.name())),
          docs.functionDocs(f.interfaceName(), f.name()),
          f.qualifiedName());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"time", "fetch"})
  void theJavaScriptToolsCarryTheirDocsToo(String tool) throws Exception {
    CompiledComponent component = CompiledComponent.compile(Samples.jsWasm(tool));
    ComponentDocs docs = ComponentDocs.of(component.component());
    Map<String, String> witDocs = functionDocsInWit(tool);
    assertEquals(witDocs.size(), component.exports().size());
    for (ExportedFunction f : component.exports()) {
      assertEquals(
          Optional.of(witDocs.get(f.name())),
          docs.functionDocs(f.interfaceName(), f.name()),
          f.qualifiedName());
    }
  }

  @Test
  void computeDocsCoverInterfaceTypesAndFieldsAndReachToolDescriptions() throws Exception {
    CompiledComponent component = CompiledComponent.compile(Samples.wasm("compute"));
    ComponentDocs docs = ComponentDocs.of(component.component());
    String iface = "corral:compute/text@0.1.0";
    assertEquals(
        Optional.of(
            "Hashing and text statistics over large text, computed entirely inside the sandbox."),
        docs.interfaceDocs(iface));
    PackageDocs.Type stats = docs.typeDocs(Optional.of(iface), "text-stats").orElseThrow();
    assertEquals(Optional.of("Sizes of a text, counted the way `wc` does."), stats.docs());
    assertEquals("Number of Unicode scalar values (characters).", stats.items().get("chars"));
    assertEquals(4, stats.items().size());

    ToolDefinition sha =
        ToolCatalog.describe(component, docs).stream()
            .filter(t -> t.function().name().equals("sha256"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        sha.description()
            .startsWith(
                "Returns the SHA-256 digest of the UTF-8 bytes of `text` as 64 lowercase hex digits."),
        sha.description());
    assertEquals(1, sha.inputSchema().get("properties").size());
    assertTrue(sha.inputSchema().get("properties").has("text"), sha.inputSchema().toString());
  }

  /** The `///` comment above each `name: func(` in the tool's WIT, joined with newlines. */
  private static Map<String, String> functionDocsInWit(String tool) throws IOException {
    Path wit = Path.of(tool, "wit", tool + ".wit");
    String text = Files.readString(wit, StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("((?:[ \\t]*///[^\\n]*\\n)+)[ \\t]*([a-z][a-z0-9-]*): func\\(")
            .matcher(text);
    Map<String, String> docs = new java.util.LinkedHashMap<>();
    while (m.find()) {
      String comment =
          m.group(1)
              .lines()
              .map(l -> l.strip().replaceFirst("^/// ?", ""))
              .collect(java.util.stream.Collectors.joining("\n"));
      docs.put(m.group(2), comment);
    }
    return docs;
  }
}
