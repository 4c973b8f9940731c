package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hostile components (built in the sandbox module: {@code src/test/wat/hostile-abi.wat} and the C
 * probe {@code src/test/c/probe}) served by the real server process: each broken call is a tool
 * error naming the cause (a function returning a resource, like {@code bad-handle}, is not
 * offered as a tool), no policy means no files or environment, stdout stays JSON-RPC, and
 * the server keeps serving the other tools.
 */
class HostileComponentsIT {
  private static final Path COMPONENTS = Path.of("../sandbox/src/test/resources/components/corral").toAbsolutePath();

  @Test
  void brokenCallsAreToolErrorsAndTheServerKeepsServing() throws Exception {
    try (McpProcess server = McpProcess.start("serve",
        "--component", COMPONENTS.resolve("hostile-abi.wasm").toString(),
        "--component", COMPONENTS.resolve("probe.component.wasm").toString())) {
      server.initialize();
      List<String> names = new ArrayList<>();
      server.request("tools/list", null).get("tools").forEach(t -> names.add(t.get("name").asString()));
      String ok = toolNamed(names, "ok");

      assertToolError(server, toolNamed(names, "bad-utf8"), "{}", "trap: string at 16 is not valid UTF-8");
      assertToolError(server, toolNamed(names, "bad-utf16"), "{}", "trap: string at 32 is not valid UTF-16LE");
      assertToolError(server, toolNamed(names, "huge-list"), "{}",
          "trap: list at 0 of 4294967296 bytes is outside linear memory (65536 bytes)");
      assertToolError(server, toolNamed(names, "oob-realloc"), "{\"s\":\"hello\"}",
          "trap: realloc result at 4294967280 of 5 bytes is outside linear memory (65536 bytes)");
      assertEquals(42, server.callTool(ok, "{\"x\":41}").at("/structuredContent/result").asInt());

      String run = toolNamed(names, "run");
      JsonNode recursion = server.callTool(run, "{\"op\":\"recurse\",\"arg\":\"10000000\"}");
      assertTrue(recursion.get("isError").asBoolean(), recursion.toString());
      assertTrue(recursion.at("/content/0/text").asString()
          .startsWith(run + " failed: trap: wasm trap in core function 'run': "), recursion.toString());
      // no policy: no filesystem, no environment variables
      JsonNode escape = server.callTool(run, "{\"op\":\"read\",\"arg\":\"../../../../etc/passwd\"}");
      assertFalse(escape.toString().contains("root:"), escape.toString());
      assertTrue(escape.at("/structuredContent").toString().contains("\"err\""), escape.toString());
      JsonNode env = server.callTool(run, "{\"op\":\"env\",\"arg\":\"\"}");
      assertFalse(env.toString().contains("PATH="), env.toString());
      assertFalse(env.toString().contains("HOME="), env.toString());

      assertEquals(42, server.callTool(ok, "{\"x\":41}").at("/structuredContent/result").asInt());
      assertEquals(0, server.closeAndWait());
      for (String line : server.stdoutSoFar()) {
        assertEquals("2.0", JSON.readTree(line).path("jsonrpc").asString(), "stdout carried a non-JSON-RPC line: " + line);
      }
    }
  }

  private static void assertToolError(McpProcess server, String tool, String arguments, String cause) throws Exception {
    JsonNode result = server.callTool(tool, arguments);
    assertTrue(result.path("isError").asBoolean(false), result.toString());
    assertEquals(tool + " failed: " + cause, result.at("/content/0/text").asString());
  }

  /** The tool for a world-level export, whatever separator the tool naming uses. */
  private static String toolNamed(List<String> names, String export) {
    for (String candidate : List.of(export, export.replace('-', '_'))) {
      if (names.contains(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("no tool for export " + export + " in " + names);
  }
}
