package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code corral inspect} from the built jar. */
class InspectIT {

  @Test
  void printsTheWorldAsWitThenTheToolDefinitions() throws Exception {
    try (McpProcess inspect = McpProcess.start("inspect", testComponent("adder.component.wasm").toString())) {
      assertEquals(0, inspect.waitForExit(), inspect.stderr());
      String out = String.join("\n", inspect.stdoutSoFar());
      int split = out.indexOf("\n\n[");
      assertEquals("""
          package root:component;

          world root {
            export docs:adder/add@0.1.0;
          }

          package docs:adder@0.1.0 {
            interface add {
              add: func(x: u32, y: u32) -> u32;
            }
          }""", out.substring(0, split));
      JsonNode tools = JSON.readTree(out.substring(split + 2));
      assertEquals(1, tools.size());
      assertEquals("docs_adder_add_add", tools.get(0).get("name").asString());
      assertEquals(List.of("x", "y"), tools.get(0).at("/inputSchema/required").valueStream().map(JsonNode::asString).toList());
      assertEquals(JSON.readTree("{\"type\":\"integer\",\"minimum\":0,\"maximum\":4294967295}"),
          tools.get(0).at("/outputSchema/properties/result"));
    }
  }

  @Test
  void unknownTargetIsOneClearLine() throws Exception {
    try (McpProcess inspect = McpProcess.start("inspect", "no-such-tool")) {
      assertEquals(1, inspect.waitForExit());
      assertEquals("corral: no component file or known component id 'no-such-tool'", inspect.stderr().strip());
    }
  }
}
