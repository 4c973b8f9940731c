package dev.corral.schema.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.FuncType;
import dev.corral.schema.TypeSchemas;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolNamesTest {

  @Test
  void worldLevelExportsKeepTheirName() {
    assertEquals("add", ToolNames.of(function(null, "add")));
    assertEquals("list-directory", ToolNames.of(function(null, "list-directory")));
  }

  @Test
  void interfaceExportsAreNamespacePackageInterfaceAndFunction() {
    assertEquals("docs_adder_add_add", ToolNames.of(function("docs:adder/add@0.1.0", "add")));
    assertEquals("wasi_http_handler_handle", ToolNames.of(function("wasi:http/handler", "handle")));
    assertEquals("exports_test-imports", ToolNames.of(function("exports", "test-imports")));
    assertEquals("a_b_c_d_f", ToolNames.of(function("a:b:c/d@1.0.0-rc.1+build", "f")));
  }

  @Test
  void resourceFunctionsDropTheirAnnotation() {
    assertEquals(
        "exports_z.num-dropped", ToolNames.of(function("exports", "[static]z.num-dropped")));
  }

  @Test
  void otherCharactersAreReplacedAndLongNamesCut() {
    assertEquals("a_b_c", ToolNames.sanitize("a b\u00e9c"));
    assertEquals("_", ToolNames.sanitize(""));
    String name = ToolNames.of(function("ns:pkg/iface", "f".repeat(200)));
    assertEquals(128, name.length());
    assertTrue(ToolNames.isValid(name));
  }

  @Test
  void collisionsGetTheFirstFreeSuffixInOrder() {
    ToolDefinition a = tool("x", "first");
    ToolDefinition b = tool("x", "second");
    ToolDefinition c = tool("x_2", "third");
    ToolDefinition d = tool("x", "fourth");
    ToolNames.UniqueTools unique = ToolNames.uniquify(List.of(a, b, c, d));
    assertEquals(
        List.of("x", "x_3", "x_2", "x_4"),
        unique.tools().stream().map(ToolDefinition::name).toList());
    assertEquals(
        List.of(
            "second: tool name x was taken, using x_3", "fourth: tool name x was taken, using x_4"),
        unique.renamings().stream().map(Object::toString).toList());
  }

  @Test
  void suffixesKeepNamesWithin128Characters() {
    String long128 = "n".repeat(128);
    ToolNames.UniqueTools unique =
        ToolNames.uniquify(List.of(tool(long128, "a"), tool(long128, "b")));
    assertEquals("n".repeat(126) + "_2", unique.tools().get(1).name());
  }

  @Test
  void aReservedNameGetsTheComponentIdThenCollisionsAreResolved() {
    List<ToolDefinition> tools =
        List.of(
            tool("list-components", "list-components"),
            tool("add", "add"),
            tool("add", "add"),
            tool("my_id_list-components", "other"));
    ToolNames.UniqueTools unique =
        ToolNames.uniquify(tools, List.of("my id", "a", "b", "c"), Set.of("list-components"));
    assertEquals(
        List.of("my_id_list-components", "add", "add_2", "my_id_list-components_2"),
        unique.tools().stream().map(ToolDefinition::name).toList());
    assertEquals(
        List.of(
            "list-components: tool name list-components is a built-in tool's, using my_id_list-components",
            "add: tool name add was taken, using add_2",
            "other: tool name my_id_list-components was taken, using my_id_list-components_2"),
        unique.renamings().stream().map(Object::toString).toList());
  }

  @Test
  void eachToolNeedsItsComponentId() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ToolNames.uniquify(List.of(tool("a", "a")), List.of(), Set.of()));
    assertEquals("1 tools but 0 component ids", e.getMessage());
  }

  @Test
  void invalidNamesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> tool("a b", "f"));
    assertThrows(IllegalArgumentException.class, () -> tool("", "f"));
  }

  private static ExportedFunction function(String iface, String name) {
    return new ExportedFunction(
        Optional.ofNullable(iface), name, new FuncType(List.of(), Optional.empty()));
  }

  private static ToolDefinition tool(String name, String function) {
    ExportedFunction f = function(null, function);
    return new ToolDefinition(
        name,
        function,
        "",
        TypeSchemas.inputSchema(f.type()),
        TypeSchemas.outputSchema(f.type()),
        f);
  }
}
