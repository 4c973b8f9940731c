package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.mcp.server.ManagementTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The real server process over stdio, driven as an MCP client drives it. */
class StdioServerIT {

  private static McpProcess startWithSamples() throws Exception {
    return McpProcess.start(
        "serve",
        "--component",
        testComponent("asmjs_bigint.component.wasm").toString(),
        "--component",
        testComponent("adder.component.wasm").toString());
  }

  @Test
  void initializeListAndCallToolsOfTwoComponents() throws Exception {
    try (McpProcess server = startWithSamples()) {
      JsonNode init = server.initialize();
      assertEquals("corral", init.at("/serverInfo/name").asString());
      assertTrue(init.at("/capabilities/tools").isObject(), init.toString());

      JsonNode tools = server.request("tools/list", null).get("tools");
      List<String> names = new ArrayList<>();
      tools.forEach(t -> names.add(t.get("name").asString()));
      List<String> builtins = names.subList(0, ManagementTools.NAMES.size());
      assertEquals(ManagementTools.NAMES, java.util.Set.copyOf(builtins));
      assertEquals(
          List.of("add", "docs_adder_add_add"), names.subList(builtins.size(), names.size()));

      JsonNode adder = tools.get(names.indexOf("docs_adder_add_add"));
      assertEquals(
          JSON.readTree(
              """
          {"type":"object",
           "properties":{"x":{"type":"integer","minimum":0,"maximum":4294967295},
                         "y":{"type":"integer","minimum":0,"maximum":4294967295}},
           "required":["x","y"],"additionalProperties":false}"""),
          withoutDescriptions(adder.get("inputSchema")));

      JsonNode sum = server.callTool("docs_adder_add_add", "{\"x\":2,\"y\":40}");
      assertFalse(sum.path("isError").asBoolean(false), sum.toString());
      assertEquals(JSON.readTree("{\"result\":42}"), sum.get("structuredContent"));
      assertEquals("{\"result\":42}", sum.at("/content/0/text").asString());

      JsonNode wrapped = server.callTool("docs_adder_add_add", "{\"x\":4294967295,\"y\":1}");
      assertEquals(JSON.readTree("{\"result\":0}"), wrapped.get("structuredContent"));

      // an s64 beyond 2^53-1 comes back exact, as a decimal string (a JSON number would lose it in
      // many clients)
      JsonNode big = server.callTool("add", "{\"x\":9007199254740993,\"y\":1}");
      assertFalse(big.path("isError").asBoolean(false), big.toString());
      assertTrue(big.at("/structuredContent/result").isString(), big.toString());
      assertEquals("9007199254740994", big.at("/structuredContent/result").stringValue());
      assertEquals("{\"result\":\"9007199254740994\"}", big.at("/content/0/text").asString());

      assertEquals(0, server.closeAndWait());
      for (String line : server.stdoutSoFar()) {
        assertEquals(
            "2.0",
            JSON.readTree(line).path("jsonrpc").asString(),
            "stdout carried a non-JSON-RPC line: " + line);
      }
    }
  }

  @Test
  void toolNamesStayUniqueAcrossComponents(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("adder-copy.wasm");
    Files.copy(testComponent("adder.component.wasm"), copy);
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--component",
            testComponent("adder.component.wasm").toString(),
            "--component",
            copy.toString())) {
      server.initialize();
      assertEquals(
          List.of("docs_adder_add_add", "docs_adder_add_add_2"), server.componentToolNames());
      assertEquals(
          42,
          server
              .callTool("docs_adder_add_add_2", "{\"x\":41,\"y\":1}")
              .at("/structuredContent/result")
              .asInt());
      assertTrue(
          server
              .stderr()
              .contains(
                  "docs:adder/add@0.1.0#add: tool name docs_adder_add_add was taken, using docs_adder_add_add_2"),
          server.stderr());
    }
  }

  @Test
  void wrongArgumentsAreAToolErrorNamingThePath() throws Exception {
    try (McpProcess server = startWithSamples()) {
      server.initialize();
      JsonNode result = server.callTool("docs_adder_add_add", "{\"x\":-1,\"y\":40}");
      assertTrue(result.get("isError").asBoolean(), result.toString());
      String text = result.at("/content/0/text").asString();
      assertTrue(text.startsWith("invalid arguments for docs_adder_add_add: $.x"), text);

      JsonNode missing = server.callTool("docs_adder_add_add", "{\"x\":1}");
      assertTrue(missing.get("isError").asBoolean(), missing.toString());
      assertTrue(missing.at("/content/0/text").asString().contains("$.y"), missing.toString());
    }
  }

  /**
   * Every kind of line the SDK's stdio transport cannot take (it ends the session on one) gets its
   * JSON-RPC error, in order, and the server keeps serving; valid lines around them are answered.
   */
  @Test
  void malformedLineGetsParseErrorAndServerKeepsServing() throws Exception {
    try (McpProcess server = startWithSamples()) {
      server.initialize();
      assertRejected(
          server,
          "{this is not json",
          -32700,
          null,
          "Parse error: Unexpected character ('t' (code 116)): was expecting double-quote to start property name");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\"} {\"jsonrpc\":\"2.0\"}",
          -32700,
          null,
          "Parse error: more than one JSON value");
      server.sendBytes(new byte[] {'"', (byte) 0xc3, '(', '"', '\n'});
      assertReply(server, -32700, null, "Parse error: Invalid UTF-8 middle byte 0x28");
      assertRejected(
          server, "42", -32600, null, "Invalid Request: a JSON-RPC message must be an object");
      String batches =
          "Invalid Request: batches (JSON arrays) are not supported since MCP 2025-06-18; send one message at a time";
      assertRejected(
          server, "[{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}]", -32600, null, batches);
      assertRejected(server, "[]", -32600, null, batches);
      assertRejected(server, "{}", -32600, null, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
      assertRejected(
          server,
          "{\"id\":\"no-version\",\"method\":\"ping\"}",
          -32600,
          "no-version",
          "Invalid Request: \"jsonrpc\" must be \"2.0\"");
      assertRejected(
          server,
          "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}",
          -32600,
          7,
          "Invalid Request: \"jsonrpc\" must be \"2.0\"");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":1}",
          -32600,
          1,
          "Invalid Request: a message needs a \"method\" (a request or notification) or a \"result\" or \"error\" (a response)");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
          -32600,
          null,
          "Invalid Request: \"id\" must be a string or an integer, got null");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
          -32600,
          null,
          "Invalid Request: \"id\" must be a string or an integer, got 1.5");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":{\"n\":1},\"method\":\"ping\"}",
          -32600,
          null,
          "Invalid Request: \"id\" must be a string or an integer, got an object");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":18446744073709551616,\"method\":\"ping\"}",
          -32600,
          null,
          "Invalid Request: \"id\" must be a string or an integer, got 18446744073709551616");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":\"m\",\"method\":{}}",
          -32600,
          "m",
          "Invalid Request: \"method\" must be a string, got an object");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"tools/list\",\"params\":\"x\"}",
          -32600,
          "p",
          "Invalid Request: \"params\" must be an object, got \"x\"");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":[1]}",
          -32600,
          null,
          "Invalid Request: \"params\" must be an object, got an array");
      // responses (to the server's own requests) are rejected without their id
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"result\":null}",
          -32600,
          null,
          "Invalid Request: \"result\" must not be null");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}",
          -32600,
          null,
          "Invalid Request: a response has either \"result\" or \"error\", not both");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"error\":\"broken\"}",
          -32600,
          null,
          "Invalid Request: \"error\" must be an object with an integer \"code\" and a string \"message\"");
      assertRejected(
          server,
          "{\"jsonrpc\":\"2.0\",\"result\":{}}",
          -32600,
          null,
          "Invalid Request: a response needs the \"id\" of the request it answers");

      // the longest line accepted, and one byte more
      int limit = 4 << 20;
      assertEquals(
          JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":\"edge\",\"result\":{}}"),
          JSON.readTree(sendAndRead(server, pingOf(limit))));
      assertRejected(
          server,
          pingOf(limit + 1),
          -32600,
          null,
          "Invalid Request: the message is 4194305 bytes long, more than the limit of 4194304 bytes");
      // a lone carriage return is JSON whitespace (the SDK alone would split the line there)
      assertEquals(
          JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":\"cr\",\"result\":{}}"),
          JSON.readTree(
              sendAndRead(server, "{\"jsonrpc\":\"2.0\",\r\"id\":\"cr\",\"method\":\"ping\"}")));

      JsonNode sum = server.callTool("docs_adder_add_add", "{\"x\":20,\"y\":22}");
      assertEquals(42, sum.at("/structuredContent/result").asInt());
      assertEquals(0, server.closeAndWait());
      for (String line : server.stdoutSoFar()) {
        assertEquals(
            "2.0",
            JSON.readTree(line).path("jsonrpc").asString(),
            "stdout carried a non-JSON-RPC line: " + line);
      }
    }
  }

  /** A ping request with id "edge", padded to exactly {@code length} bytes. */
  private static String pingOf(int length) {
    String head = "{\"jsonrpc\":\"2.0\",\"id\":\"edge\",\"method\":\"ping\",\"params\":{\"pad\":\"";
    String tail = "\"}}";
    return head + "a".repeat(length - head.length() - tail.length()) + tail;
  }

  private static String sendAndRead(McpProcess server, String line) throws Exception {
    server.send(line);
    return server.nextLine();
  }

  private static void assertRejected(
      McpProcess server, String line, int code, Object id, String message) throws Exception {
    server.send(line);
    assertReply(server, code, id, message);
  }

  private static void assertReply(McpProcess server, int code, Object id, String message)
      throws Exception {
    tools.jackson.databind.node.ObjectNode expected = JSON.createObjectNode().put("jsonrpc", "2.0");
    expected.set("id", JSON.valueToTree(id));
    expected.putObject("error").put("code", code).put("message", message);
    assertEquals(expected, JSON.readTree(server.nextLine()));
  }

  @Test
  void requestsPipedAllAtOnceAreAllAnsweredBeforeExit() throws Exception {
    try (McpProcess server = startWithSamples()) {
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
              + "\"capabilities\":{},\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}}");
      server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"x\":40,\"y\":2}}}");
      server.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
      assertEquals(0, server.closeAndWait());
      List<String> lines = server.stdoutSoFar();
      assertEquals(3, lines.size(), lines.toString());
      assertEquals(
          List.of(1, 2, 3),
          lines.stream().map(l -> JSON.readTree(l).get("id").asInt()).sorted().toList());
      JsonNode call =
          lines.stream()
              .map(JSON::readTree)
              .filter(m -> m.get("id").asInt() == 2)
              .findFirst()
              .orElseThrow();
      // an s64 within +-(2^53-1) is a JSON number
      assertEquals("42", call.at("/result/structuredContent/result").toString());
    }
  }

  /**
   * A client may send many calls without waiting (parallel tool calls): they finish on many threads
   * at once, and every answer must still be written, exactly once and with its own result. Threads
   * spinning in this JVM meanwhile load the machine, as other work would: that is when the SDK's
   * own hand-over of answers used to drop them (see {@code SerializedStdioTransport}).
   */
  @Test
  void aThousandCallsInFlightAtOnceAreEachAnsweredWithTheirOwnResult(@TempDir Path dir)
      throws Exception {
    int calls = 1000;
    Path compute = dir.resolve("compute.wasm");
    Files.write(compute, dev.corral.samples.SampleTools.find("compute").orElseThrow().wasm());
    try (CpuLoad load = new CpuLoad(4);
        McpProcess server = McpProcess.start("serve", "--component", compute.toString())) {
      // everything in one write, before the server has even answered initialize
      StringBuilder batch =
          new StringBuilder(
              "{\"jsonrpc\":\"2.0\",\"id\":-1,\"method\":\"initialize\",\"params\":{"
                  + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"burst\",\"version\":\"1\"}}}\n"
                  + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      for (int i = 0; i < calls; i++) {
        batch
            .append("\n{\"jsonrpc\":\"2.0\",\"id\":")
            .append(i)
            .append(",\"method\":\"tools/call\",\"params\":{")
            .append(
                "\"name\":\"" + ComputeSample.SHA256_TOOL + "\",\"arguments\":{\"text\":\"call ")
            .append(i)
            .append("\"}}}");
      }
      server.send(batch.toString());
      Map<Integer, JsonNode> answers = new HashMap<>();
      assertEquals(
          "corral", JSON.readTree(server.nextLine()).at("/result/serverInfo/name").asString());
      while (answers.size() < calls) {
        JsonNode message = JSON.readTree(server.nextLine());
        if (message.has("id")) {
          assertNull(answers.put(message.get("id").asInt(), message), "answered twice: " + message);
        }
      }
      for (int i = 0; i < calls; i++) {
        assertEquals(
            ComputeSample.sha256("call " + i),
            answers.get(i).at("/result/structuredContent/result").asString(),
            answers.get(i).toString());
      }
      assertEquals(0, server.closeAndWait());
      assertFalse(server.stderr().contains("Failed to enqueue"), server.stderr());
    }
  }

  @Test
  void cancelledCallStopsTheGuestAndTheServerKeepsServing() throws Exception {
    try (McpProcess server =
        McpProcess.start(
            "serve", "--component", testComponent("probe.component.wasm").toString())) {
      server.initialize();
      server.send(
          "{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"tools/call\",\"params\":{\"name\":\"run\","
              + "\"arguments\":{\"op\":\"loop\",\"arg\":\"\"}}}");
      // the call may not have started yet when the first notice arrives: repeat it until the reply
      // comes
      String line = null;
      for (int attempt = 0; attempt < 40 && line == null; attempt++) {
        server.send(
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":77,"
                + "\"reason\":\"user pressed stop\"}}");
        line = server.pollLine(500);
      }
      JsonNode reply = JSON.readTree(line);
      assertEquals(77, reply.get("id").asInt());
      assertTrue(reply.at("/result/isError").asBoolean(), reply.toString());
      assertEquals(
          "run failed: trap: the call was cancelled (its thread was interrupted)",
          reply.at("/result/content/0/text").asString());
      assertTrue(
          server.stderr().contains("cancelled the tool call of request 77"), server.stderr());

      JsonNode echo = server.callTool("run", "{\"op\":\"echo\",\"arg\":\"still here\"}");
      assertEquals(
          "{\"result\":{\"tag\":\"ok\",\"val\":\"still here\"}}",
          echo.get("structuredContent").toString());
    }
  }

  @Test
  void compiledCodeIsKeptUnderXdgCacheHome(@TempDir Path home) throws Exception {
    Path compute = home.resolve("compute.wasm");
    Files.write(compute, dev.corral.samples.SampleTools.find("compute").orElseThrow().wasm());
    try (McpProcess server =
        McpProcess.start(McpProcess.corral(home, "serve", "--component", compute.toString()))) {
      server.initialize();
      assertEquals(
          ComputeSample.sha256("cached"),
          server
              .callTool(ComputeSample.SHA256_TOOL, "{\"text\":\"cached\"}")
              .at("/structuredContent/result")
              .asString());
      // the compiler writes its classes in the background: wait for them
      Path cache = home.resolve("cache/corral");
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (entries(cache).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertFalse(
          entries(cache).isEmpty(), "nothing cached in " + cache + "; stderr:\n" + server.stderr());
      assertFalse(Files.exists(home.resolve("data/corral/cache")));
    }
  }

  /** The files under {@code directory}'s chicory-VERSION folder(s). */
  private static List<Path> entries(Path directory) throws java.io.IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getParent().getFileName().toString().startsWith("chicory-"))
          .toList();
    }
  }

  @Test
  void missingFileIsOneClearLineAndNoServer() throws Exception {
    Path missing = Path.of("does-not-exist.wasm").toAbsolutePath();
    assertRefused(
        List.of("serve", "--strict", "--component", missing.toString()),
        "corral: cannot load component " + missing + ": no such file");
  }

  @Test
  void coreModuleIsRefusedWithTheReason() throws Exception {
    Path core = testComponent("modules_exitcode.wasm");
    assertRefused(
        List.of(
            "serve",
            "--strict",
            "--component",
            testComponent("adder.component.wasm").toString(),
            "--component",
            core.toString()),
        "corral: cannot load component "
            + core
            + ": not a valid component: at byte offset 6: this is a core WebAssembly module, not a component (layer 0)");
  }

  @Test
  void truncatedComponentIsRefusedWithTheOffset(@TempDir Path dir) throws Exception {
    byte[] adder = Files.readAllBytes(testComponent("adder.component.wasm"));
    Path truncated = dir.resolve("truncated.wasm");
    Files.write(truncated, java.util.Arrays.copyOf(adder, adder.length / 2));
    try (McpProcess server =
        McpProcess.start("serve", "--strict", "--component", truncated.toString())) {
      assertEquals(1, server.waitForExit());
      String stderr = server.stderr().strip();
      assertTrue(
          stderr.startsWith(
              "corral: cannot load component "
                  + truncated
                  + ": not a valid component: at byte offset "),
          stderr);
      assertEquals(1, stderr.lines().count(), stderr);
      assertEquals(List.of(), server.stdoutSoFar());
    }
  }

  @Test
  void helpPrintsUsage() throws Exception {
    try (McpProcess help = McpProcess.start("--help")) {
      assertEquals(0, help.waitForExit());
      assertTrue(
          help.stdoutSoFar().get(0).startsWith("Usage: corral "), help.stdoutSoFar().toString());
    }
    try (McpProcess help = McpProcess.start("serve", "--help")) {
      assertEquals(0, help.waitForExit());
      assertTrue(
          help.stdoutSoFar().get(0).startsWith("Usage: corral serve "),
          help.stdoutSoFar().toString());
      assertTrue(
          String.join("\n", help.stdoutSoFar()).contains("--component=FILE"),
          help.stdoutSoFar().toString());
    }
  }

  private static void assertRefused(List<String> args, String expectedStderr) throws Exception {
    try (McpProcess server = McpProcess.start(args.toArray(String[]::new))) {
      assertEquals(1, server.waitForExit());
      assertEquals(expectedStderr, server.stderr().strip());
      assertEquals(List.of(), server.stdoutSoFar());
    }
  }

  /** The schema with every {@code description} removed, for comparing shapes. */
  private static JsonNode withoutDescriptions(JsonNode schema) {
    JsonNode copy = schema.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof tools.jackson.databind.node.ObjectNode object) {
      object.remove("description");
      object.remove("title");
      object.forEach(StdioServerIT::strip);
    } else if (node.isArray()) {
      node.forEach(StdioServerIT::strip);
    }
  }
}
