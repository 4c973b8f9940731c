package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code corral inspect} from the built jar. */
class InspectIT {
  private static final String ADDER_WIT =
      """
      package root:component;

      world root {
        export docs:adder/add@0.1.0;
      }

      package docs:adder@0.1.0 {
        interface add {
          add: func(x: u32, y: u32) -> u32;
        }
      }""";

  @TempDir Path home;

  /** What one run of {@code corral inspect} printed: the WIT text and the catalog JSON. */
  private record Inspection(String wit, JsonNode catalog, String stderr) {}

  private Inspection inspect(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("inspect"));
    command.addAll(List.of(args));
    try (McpProcess inspect =
        McpProcess.start(McpProcess.corral(home, command.toArray(String[]::new)))) {
      assertEquals(0, inspect.waitForExit(), inspect.stderr());
      String out = String.join("\n", inspect.stdoutSoFar());
      int split = out.indexOf("\n\n{");
      return new Inspection(
          out.substring(0, split), JSON.readTree(out.substring(split + 2)), inspect.stderr());
    }
  }

  /** A component from the sandbox module's test resources, decompressed if it is stored gzipped. */
  private Path sandboxComponent(String name) throws Exception {
    Path resources = McpProcess.repository().resolve("sandbox/src/test/resources/components");
    Path target = home.resolve(Path.of(name).getFileName().toString());
    if (Files.exists(resources.resolve(name))) {
      return Files.copy(resources.resolve(name), target);
    }
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(resources.resolve(name + ".gz")))) {
      Files.copy(in, target);
    }
    return target;
  }

  @Test
  void printsTheWorldAsWitThenTheToolCatalog() throws Exception {
    Inspection adder = inspect(testComponent("adder.component.wasm").toString());
    assertEquals(ADDER_WIT, adder.wit());
    JsonNode tools = adder.catalog().get("tools");
    assertEquals(1, tools.size());
    assertEquals("docs_adder_add_add", tools.get(0).get("name").asString());
    assertEquals("docs:adder/add@0.1.0#add", tools.get(0).get("title").asString());
    assertEquals(
        List.of("x", "y"),
        tools.get(0).at("/inputSchema/required").valueStream().map(JsonNode::asString).toList());
    assertEquals(
        JSON.readTree("{\"type\":\"integer\",\"minimum\":0,\"maximum\":4294967295}"),
        tools.get(0).at("/outputSchema/properties/result"));
    assertEquals("[]", adder.catalog().get("skipped").toString());
    assertEquals("[]", adder.catalog().get("renamed").toString());
    assertEquals(
        List.of("tools", "skipped", "renamed"), List.copyOf(adder.catalog().propertyNames()));
  }

  /**
   * Types defined at the world level print as world-level type definitions, and the tools' schemas
   * are wit-to-jsonschema's (its golden files for the same component).
   */
  @Test
  void worldLevelTypesPrintAsWorldLevelDefinitions() throws Exception {
    Inspection inspection = inspect(testComponent("world-types.component.wasm").toString());
    Path golden = McpProcess.repository().resolve("wit-to-jsonschema/src/test/resources/golden");
    assertEquals(
        Files.readString(golden.resolve("wit/world-types.component.wit")).strip(),
        inspection.wit());
    assertEquals(
        JSON.readTree(Files.readString(golden.resolve("tools/world-types.component.json"))),
        inspection.catalog());
  }

  @Test
  void anInterfaceWithAnEnum() throws Exception {
    Inspection calculator =
        inspect(sandboxComponent("component-docs/calculator.composed.wasm").toString());
    assertEquals(
        """
        package root:component;

        world root {
          export docs:calculator/calculate@0.1.0;
        }

        package docs:calculator@0.1.0 {
          interface calculate {
            enum op {
              add,
            }
            eval-expression: func(op: op, x: u32, y: u32) -> u32;
          }
        }""",
        calculator.wit());
    JsonNode tool = calculator.catalog().at("/tools/0");
    assertEquals("docs_calculator_calculate_eval-expression", tool.get("name").asString());
    assertEquals(
        JSON.readTree("{\"title\":\"op\",\"type\":\"string\",\"enum\":[\"add\"]}"),
        tool.at("/inputSchema/properties/op"));
    assertEquals(1, calculator.catalog().get("tools").size());
  }

  @Test
  void functionsTakingOrReturningResourcesAreListedAsSkippedWithTheReason() throws Exception {
    Inspection resources =
        inspect(sandboxComponent("resource_borrow_export.component.wasm").toString());
    assertTrue(
        resources
            .wit()
            .contains(
                """

        package test:resource-borrow-export {
          interface test {
            resource thing {
              constructor(v: u32);
            }
            foo: func(v: borrow<thing>) -> u32;
          }
        }"""),
        resources.wit());
    assertTrue(
        resources.wit().contains("\n  export test:resource-borrow-export/test;\n"),
        resources.wit());
    assertEquals(
        JSON.readTree(
            """
        {"tools": [],
         "skipped": [
           "test:resource-borrow-export/test#[constructor]thing: its result (thing) is or contains a resource handle, which cannot be returned as JSON",
           "test:resource-borrow-export/test#foo: parameter v (borrow<thing>) is or contains a resource handle, which cannot be passed as JSON"],
         "renamed": []}"""),
        resources.catalog());
  }

  @Test
  void anIdNamesAnInstalledComponentFirst() throws Exception {
    try (McpProcess load =
        McpProcess.start(
            McpProcess.corral(
                home,
                "component",
                "load",
                testComponent("adder.component.wasm").toString(),
                "--id",
                "compute"))) {
      assertEquals(0, load.waitForExit(), load.stderr());
    }
    // "compute" is also a sample's id: the installed component comes first
    assertEquals(ADDER_WIT, inspect("compute").wit());

    Path directory = Files.createDirectories(home.resolve("elsewhere"));
    Files.copy(
        sandboxComponent("component-docs/calculator.composed.wasm"),
        directory.resolve("calc.wasm"));
    Inspection calc = inspect("calc", "--component-dir", directory.toString());
    assertEquals(
        "docs_calculator_calculate_eval-expression", calc.catalog().at("/tools/0/name").asString());
  }

  @Test
  void aBrokenPolicyBesideTheFileIsAWarningOnly() throws Exception {
    Path adder = Files.copy(testComponent("adder.component.wasm"), home.resolve("adder.wasm"));
    Files.writeString(home.resolve("adder.policy.yaml"), "version: \"1.0\"\npermissions: [\n");
    Inspection inspection = inspect(adder.toString());
    assertEquals(ADDER_WIT, inspection.wit());
    String warning = inspection.stderr().strip();
    assertTrue(
        warning.startsWith(
            "corral: warning: inspect ignores the policy beside "
                + adder
                + ", which serve would refuse:"
                + " its policy is invalid: "
                + home.resolve("adder.policy.yaml")
                + ":"),
        warning);
  }

  @Test
  void unknownTargetIsOneClearLine() throws Exception {
    try (McpProcess inspect =
        McpProcess.start(McpProcess.corral(home, "inspect", "no-such-tool"))) {
      assertEquals(1, inspect.waitForExit());
      assertEquals(
          "corral: no component file, installed component (in "
              + home.resolve("data/corral/components")
              + ") or sample tool 'no-such-tool'",
          inspect.stderr().strip());
    }
  }
}
