package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Components whose worlds define a record, a variant, an enum and flags at the world level (the
 * sandbox's src/test/c/world-types and src/test/js/world-types, one WIT): wit-component imports
 * each such type with an {@code eq} bound, which the component resolves itself. Through the real
 * server, both load, list their tools and answer with the exact values.
 */
class WorldLevelTypesIT {
  @TempDir Path dir;

  /** The component, decompressed when stored gzip-compressed, as {@code DIR/world-types.wasm}. */
  private Path component(String resource) throws Exception {
    Path source = McpProcess.testComponent(resource);
    Path target = dir.resolve("world-types.wasm");
    try (InputStream in =
        resource.endsWith(".gz")
            ? new GZIPInputStream(Files.newInputStream(source))
            : Files.newInputStream(source)) {
      Files.copy(in, target);
    }
    return target;
  }

  private static JsonNode structured(McpProcess server, String tool, String arguments)
      throws Exception {
    JsonNode result = server.callTool(tool, arguments);
    return result.get("structuredContent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"world-types.component.wasm", "world-types-js.component.wasm.gz"})
  void worldLevelTypesLoadListAndAnswerExactly(String resource) throws Exception {
    try (McpProcess server =
        McpProcess.start("serve", "--component", component(resource).toString())) {
      server.initialize();
      assertEquals(
          List.of("summarize", "area", "classify", "set-write", "describe"),
          server.componentToolNames());

      assertEquals(
          JSON.readTree(
              """
          {"result":{"tag":"ok","val":{"count":3,"mean":2.5,"label":"positive"}}}"""),
          structured(server, "summarize", "{\"values\":[1.5,2.5,3.5]}"));
      JsonNode empty = server.callTool("summarize", "{\"values\":[]}");
      assertEquals(true, empty.get("isError").asBoolean(), empty.toString());
      assertEquals(
          JSON.readTree("{\"result\":{\"tag\":\"err\",\"val\":\"no values\"}}"),
          empty.get("structuredContent"));

      assertEquals(
          JSON.readTree("{\"result\":\"mixed: 4294967295 values\"}"),
          structured(
              server,
              "describe",
              "{\"s\":{\"count\":4294967295,\"mean\":1.0,\"label\":\"mixed\"}}"));

      assertEquals(
          JSON.readTree("{\"result\":" + (Math.PI * 2 * 2) + "}"),
          structured(server, "area", "{\"s\":{\"tag\":\"circle\",\"val\":2}}"));
      assertEquals(
          JSON.readTree("{\"result\":7.5}"),
          structured(server, "area", "{\"s\":{\"tag\":\"rect\",\"val\":[2.5,3]}}"));
      assertEquals(
          JSON.readTree("{\"result\":0.0}"),
          structured(server, "area", "{\"s\":{\"tag\":\"empty\"}}"));

      assertEquals(
          JSON.readTree("{\"result\":\"low\"}"), structured(server, "classify", "{\"x\":9}"));
      assertEquals(
          JSON.readTree("{\"result\":\"medium\"}"), structured(server, "classify", "{\"x\":99}"));
      assertEquals(
          JSON.readTree("{\"result\":\"high\"}"),
          structured(server, "classify", "{\"x\":4294967295}"));

      assertEquals(
          JSON.readTree("{\"result\":[\"read\",\"write\",\"exec\"]}"),
          structured(server, "set-write", "{\"p\":[\"exec\",\"read\"],\"allow\":true}"));
      assertEquals(
          JSON.readTree("{\"result\":[\"exec\"]}"),
          structured(server, "set-write", "{\"p\":[\"write\",\"exec\"],\"allow\":false}"));
    }
  }
}
