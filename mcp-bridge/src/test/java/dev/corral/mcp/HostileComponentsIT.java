package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile components (built in the sandbox module: {@code src/test/wat/hostile-abi.wat} and the C
 * probe {@code src/test/c/probe}) served by the real server process, each under the policy the case
 * needs: every broken or limited call is a tool error naming the cause (a function returning a
 * resource, like {@code bad-handle}, is not offered as a tool), a refused access is the guest's own
 * error, stdout stays JSON-RPC, and the server keeps serving.
 */
class HostileComponentsIT {
  private static final Path COMPONENTS =
      Path.of("../sandbox/src/test/resources/components/corral").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void brokenCallsAreToolErrorsAndTheServerKeepsServing() throws Exception {
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--component",
            COMPONENTS.resolve("hostile-abi.wasm").toString(),
            "--component",
            COMPONENTS.resolve("probe.component.wasm").toString())) {
      server.initialize();
      List<String> names = new ArrayList<>();
      server
          .request("tools/list", null)
          .get("tools")
          .forEach(t -> names.add(t.get("name").asString()));
      String ok = toolNamed(names, "ok");

      assertToolError(
          server, toolNamed(names, "bad-utf8"), "{}", "trap: string at 16 is not valid UTF-8");
      assertToolError(
          server, toolNamed(names, "bad-utf16"), "{}", "trap: string at 32 is not valid UTF-16LE");
      assertToolError(
          server,
          toolNamed(names, "huge-list"),
          "{}",
          "trap: list at 0 of 4294967296 bytes is outside linear memory (65536 bytes)");
      assertToolError(
          server,
          toolNamed(names, "oob-realloc"),
          "{\"s\":\"hello\"}",
          "trap: realloc result at 4294967280 of 5 bytes is outside linear memory (65536 bytes)");
      // 255 MiB of the guest's 256: refused by the result limit (no policy: 1 MiB) before the host
      // builds it
      assertToolError(
          server,
          toolNamed(names, "big-bytes"),
          "{\"len\":" + (255 << 20) + "}",
          "output limit: the result is larger than 1048576 bytes");
      assertEquals(42, server.callTool(ok, "{\"x\":41}").at("/structuredContent/result").asInt());

      String run = toolNamed(names, "run");
      JsonNode recursion = server.callTool(run, "{\"op\":\"recurse\",\"arg\":\"10000000\"}");
      assertTrue(recursion.get("isError").asBoolean(), recursion.toString());
      assertTrue(
          recursion
              .at("/content/0/text")
              .asString()
              .startsWith(run + " failed: trap: wasm trap in core function 'run': "),
          recursion.toString());
      // handles never handed out, passed to WASI functions
      assertToolError(
          server,
          run,
          probe("badhandle", "forged-descriptor"),
          "trap: unknown resource handle index 100000");
      assertToolError(
          server,
          run,
          probe("badhandle", "forged-stream"),
          "trap: unknown resource handle index 100000");
      // no policy: no filesystem, no environment variables
      assertEquals(
          "open: Capabilities insufficient",
          guestError(server.callTool(run, probe("read", "../../../../etc/passwd"))));
      assertEquals("(unset)", guestOk(server.callTool(run, probe("env", "HOME"))));
      assertEquals("(unset)", guestOk(server.callTool(run, probe("env", "PATH"))));

      assertEquals(42, server.callTool(ok, "{\"x\":41}").at("/structuredContent/result").asInt());
      assertEquals(0, server.closeAndWait());
      assertStdoutIsJsonRpc(server);
    }
  }

  @Test
  void thePolicysTimeoutStopsALoop() throws Exception {
    try (McpProcess server = serveProbe("version: \"1.0\"\nlimits:\n  timeout: 1s\n")) {
      server.initialize();
      assertToolError(
          server,
          "run",
          probe("loop", ""),
          "deadline: the call ran longer than 1000 ms and was stopped");
      assertEquals(
          "still serving", guestOk(server.callTool("run", probe("echo", "still serving"))));
      assertEquals(0, server.closeAndWait());
      assertStdoutIsJsonRpc(server);
    }
  }

  @Test
  void thePolicysMemoryAndOutputLimitsEndTheCallWithTheCause() throws Exception {
    try (McpProcess server =
        serveProbe("version: \"1.0\"\nlimits:\n  memory: 8Mi\n  output: 64Ki\n")) {
      server.initialize();
      assertTrue(
          guestError(server.callTool("run", probe("membomb", "")))
              .matches("allocated [0-6] MiB then malloc failed"));
      assertToolError(
          server,
          "run",
          probe("membomb-abort", ""),
          "memory limit: linear memory could not grow past its "
              + "cap of 8192 KiB; the guest then trapped: wasm trap in core function 'run': Trapped on unreachable instruction");
      assertToolError(
          server, "run", probe("flood", ""), "output limit: stdout exceeded 65536 bytes");
      assertEquals(65536, guestOk(server.callTool("run", probe("big", "65536"))).length());
      assertToolError(
          server,
          "run",
          probe("big", "65537"),
          "output limit: the result is larger than 65536 bytes");
      assertEquals(
          "still serving", guestOk(server.callTool("run", probe("echo", "still serving"))));
      assertEquals(0, server.closeAndWait());
      assertStdoutIsJsonRpc(server);
    }
  }

  @Test
  void aStorageGrantConfinesPathsAndLinks() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data/sub")).getParent().toRealPath();
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Files.writeString(data.resolve("a.txt"), "inside");
    Files.writeString(outside.resolve("secret.txt"), "top secret");
    Files.createSymbolicLink(data.resolve("rel"), Path.of("../outside"));
    Files.createSymbolicLink(data.resolve("abs"), outside.toAbsolutePath());
    try (McpProcess server =
        serveProbe(
            "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n"
                + "      - uri: \"fs://"
                + data
                + "\"\n        access: [read, write]\n")) {
      server.initialize();
      String d = data.toString();
      assertEquals("inside", guestOk(server.callTool("run", probe("read", d + "/a.txt"))));
      // path traversal and host links leading out
      assertEquals(
          "open: Operation not permitted",
          guestError(server.callTool("run", probe("read", d + "/../outside/secret.txt"))));
      assertEquals(
          "open: Operation not permitted",
          guestError(server.callTool("run", probe("read", d + "/sub/../../outside/secret.txt"))));
      assertEquals(
          "open: Operation not permitted",
          guestError(server.callTool("run", probe("read", d + "/rel/secret.txt"))));
      assertEquals(
          "open: Operation not permitted",
          guestError(server.callTool("run", probe("read", d + "/abs/secret.txt"))));
      assertEquals(
          "open: Capabilities insufficient",
          guestError(server.callTool("run", probe("read", outside + "/secret.txt"))));
      // links the guest makes: not leading out where they are made, nor after a rename
      assertEquals(
          "symlink: Operation not permitted",
          guestError(server.callTool("run", probe("symlink", "../outside\n" + d + "/esc"))));
      assertEquals(
          "ok", guestOk(server.callTool("run", probe("symlink", "../a.txt\n" + d + "/sub/l"))));
      assertEquals(
          "rename: Operation not permitted",
          guestError(server.callTool("run", probe("rename", d + "/sub/l\n" + d + "/l"))));
      assertFalse(Files.exists(data.resolve("esc"), LinkOption.NOFOLLOW_LINKS));
      assertFalse(Files.exists(data.resolve("l"), LinkOption.NOFOLLOW_LINKS));
      assertEquals("inside", guestOk(server.callTool("run", probe("read", d + "/sub/l"))));
      // handles dropped (or of the wrong type) passed to WASI functions
      assertToolError(
          server,
          "run",
          probe("badhandle", "dropped-descriptor"),
          "trap: unknown resource handle index 6");
      assertToolError(
          server,
          "run",
          probe("badhandle", "dropped-stream"),
          "trap: unknown resource handle index 7");
      assertToolError(
          server,
          "run",
          probe("badhandle", "stream-as-descriptor"),
          "trap: handle 7 refers to resource input-stream, but resource descriptor was expected");
      assertEquals("top secret", Files.readString(outside.resolve("secret.txt")));
      assertEquals(
          List.of("secret.txt"), Files.list(outside).map(p -> p.getFileName().toString()).toList());
      assertEquals("inside", guestOk(server.callTool("run", probe("read", d + "/a.txt"))));
      assertEquals(0, server.closeAndWait());
      assertStdoutIsJsonRpc(server);
    }
  }

  /**
   * Issue 15, item 1, through the server: two concurrent calls of one component, one making and
   * removing {@code a/b/nest/out -> ../../outside} over and over, the other moving {@code a/b/nest}
   * up to {@code nest} (where that link leads out) and back, under a read-write grant on the root
   * and a second one on {@code root/nest/out}. On the code before the fix the move carried the link
   * within a few hundred tries and the nested grant was then opened through it.
   */
  @Test
  void concurrentCallsCannotRaceALinkOutOfTheirGrant() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root")).toRealPath();
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "top secret");
    Files.createDirectories(root.resolve("nest/out"));
    Files.createDirectories(root.resolve("a/b/nest"));
    // entries for the rename's walk to read: a wider window for the race on the code before the fix
    for (int i = 0; i < 2000; i++) {
      Files.createFile(root.resolve("a/b/nest/f" + i));
    }
    try (McpProcess server =
        serveProbe(
            "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n"
                + "      - uri: \"fs://"
                + root
                + "\"\n        access: [read, write]\n"
                + "      - uri: \"fs://"
                + root
                + "/nest/out\"\n        access: [read, write]\n")) {
      server.initialize();
      String r = root.toString();
      for (int i = 0; i < 4; i++) { // past the interpreted first instances, so both loops run fast
        assertEquals("warm", guestOk(server.callTool("run", probe("echo", "warm"))));
      }
      // both calls in flight at once; each loop is bounded by a count and by 5 s
      server.send(
          toolCall(
              9001, probe("race-symlink", "../../outside\n" + r + "/a/b/nest/out\n20000\n5000")));
      server.send(
          toolCall(
              9002,
              probe(
                  "race-rename",
                  r
                      + "/nest\n"
                      + r
                      + "/parked\n"
                      + r
                      + "/a/b/nest\n"
                      + r
                      + "/nest\n"
                      + r
                      + "/nest/out\n20000\n5000")));
      java.util.Map<Integer, JsonNode> replies = new java.util.HashMap<>();
      while (replies.size() < 2) {
        JsonNode reply = JSON.readTree(server.nextLine());
        if (reply.path("id").isNumber()) {
          replies.put(reply.get("id").asInt(), reply.get("result"));
        }
      }
      String renames = guestOk(replies.get(9002));
      String span = "\\(wall clock [0-9]+-[0-9]+\\)";
      assertTrue(
          renames.matches(
              "moved [1-9][0-9]* times, refused [0-9]+ times, no link came along " + span),
          renames);
      String symlinks = guestOk(replies.get(9001));
      assertTrue(
          symlinks.matches("made the link [1-9][0-9]* times in [0-9]+ tries " + span), symlinks);
      long[] a = wallClockSpan(renames);
      long[] b = wallClockSpan(symlinks);
      assertTrue(
          a[0] < b[1] && b[0] < a[1],
          "the two calls did not run at the same time: " + renames + "; " + symlinks);
      // no link on disk leads out of the grant, for the sandbox or for any other program
      assertEquals(List.of(), linksLeadingOut(root));
      // the nested grant, a directory again, shows nothing of outside; nothing was written there
      Files.createDirectories(root.resolve("nest/out"));
      assertEquals(
          "open: No such file or directory",
          guestError(server.callTool("run", probe("read", r + "/nest/out/secret.txt"))));
      assertEquals(
          "ok", guestOk(server.callTool("run", probe("write", r + "/nest/out/planted.txt\nx"))));
      assertEquals("top secret", Files.readString(outside.resolve("secret.txt")));
      assertEquals(
          List.of("secret.txt"), Files.list(outside).map(p -> p.getFileName().toString()).toList());
      assertEquals("x", Files.readString(root.resolve("nest/out/planted.txt")));
      assertEquals(0, server.closeAndWait());
      assertStdoutIsJsonRpc(server);
    }
  }

  /** Every symbolic link below {@code root} whose target, resolved by the host, lies outside it. */
  private static List<String> linksLeadingOut(Path root) throws Exception {
    List<String> out = new ArrayList<>();
    try (var all = Files.walk(root)) {
      for (Path link : all.filter(Files::isSymbolicLink).toList()) {
        Path target =
            link.getParent().toRealPath().resolve(Files.readSymbolicLink(link)).normalize();
        if (!(Files.exists(target) ? target.toRealPath() : target).startsWith(root)) {
          out.add(root.relativize(link) + " -> " + Files.readSymbolicLink(link));
        }
      }
    }
    return out;
  }

  /** The wall-clock span, in milliseconds, at the end of a race op's report. */
  private static long[] wallClockSpan(String report) {
    String[] fromTo =
        report.substring(report.lastIndexOf("wall clock ") + 11, report.length() - 1).split("-");
    return new long[] {Long.parseLong(fromTo[0]), Long.parseLong(fromTo[1])};
  }

  private static String toolCall(int id, String arguments) {
    ObjectNode message =
        JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
    message.putObject("params").put("name", "run").set("arguments", JSON.readTree(arguments));
    return JSON.writeValueAsString(message);
  }

  @Test
  void aNetworkPolicyAllowingEveryNameStillRefusesLoopbackLocalhostAndMetadata() throws Exception {
    HttpServer local =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> seen = new CopyOnWriteArrayList<>();
    local.createContext(
        "/",
        exchange -> {
          seen.add(exchange.getRequestURI().toString());
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    local.start();
    int port = local.getAddress().getPort();
    try (McpProcess server =
        serveProbe(
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: \"*\"\n")) {
      server.initialize();
      // the name is allowed; the address it resolves to is loopback, private or metadata, which
      // only a rule naming the address opens: error-code destination-IP-prohibited (4), nothing
      // sent
      for (String authority :
          List.of(
              "127.0.0.1:" + port, "localhost:" + port, "169.254.169.254", "10.0.0.1:" + port)) {
        assertEquals(
            "response: error-code 4",
            guestError(server.callTool("run", probe("http", "GET\nhttp\n" + authority + "\n/\n"))),
            authority);
      }
      assertEquals(List.of(), seen);
      assertEquals(
          "still serving", guestOk(server.callTool("run", probe("echo", "still serving"))));
      assertEquals(0, server.closeAndWait());
      assertStdoutIsJsonRpc(server);
    } finally {
      local.stop(0);
    }
  }

  @Test
  void corralsOwnVariablesAndDirectoriesNeverReachAGuestWhateverItsPolicySays() throws Exception {
    Path home = dir.resolve("home");
    Path config = Files.createDirectories(home.resolve("config/corral"));
    Files.writeString(config.resolve("token"), "the-kept-bearer-token-0123");
    Path wasm = dir.resolve("probe.wasm");
    Files.copy(COMPONENTS.resolve("probe.component.wasm"), wasm);
    Files.writeString(
        dir.resolve("probe.policy.yaml"),
        "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n"
            + "      - uri: \"fs://"
            + config
            + "\"\n        access: [read]\n"
            + "  environment:\n    allow:\n      - key: CORRAL_TOKEN\n      - key: COSIGN_PASSWORD\n      - key: EXAMPLE_VISIBLE\n");
    ProcessBuilder builder = McpProcess.corral(home, "serve", "--component", wasm.toString());
    builder.environment().put("CORRAL_TOKEN", "the-servers-bearer-token");
    builder.environment().put("COSIGN_PASSWORD", "the-signing-key-password");
    builder.environment().put("EXAMPLE_VISIBLE", "yes");
    try (McpProcess server = McpProcess.start(builder)) {
      server.initialize();
      assertEquals("(unset)", guestOk(server.callTool("run", probe("env", "CORRAL_TOKEN"))));
      assertEquals("(unset)", guestOk(server.callTool("run", probe("env", "COSIGN_PASSWORD"))));
      assertEquals("yes", guestOk(server.callTool("run", probe("env", "EXAMPLE_VISIBLE"))));
      assertEquals(
          "open: Capabilities insufficient",
          guestError(server.callTool("run", probe("read", config + "/token"))));
      assertTrue(
          server
              .stderr()
              .contains(
                  "permissions.environment.allow[0] (CORRAL_TOKEN) not granted: it is one of"
                      + " Corral's own environment variables, which no component may read"),
          server.stderr());
      assertTrue(
          server
              .stderr()
              .contains(
                  "permissions.storage.allow[0] (fs://"
                      + config
                      + ") not granted: it covers"
                      + " Corral's token file "
                      + config.resolve("token")
                      + ", which no component may reach"),
          server.stderr());
      assertEquals(0, server.closeAndWait());
      assertStdoutIsJsonRpc(server);
    }
  }

  /** Serves a copy of the probe with {@code policy} beside it; its one tool is {@code run}. */
  private McpProcess serveProbe(String policy) throws Exception {
    Path wasm = dir.resolve("probe.wasm");
    Files.copy(COMPONENTS.resolve("probe.component.wasm"), wasm);
    Files.writeString(dir.resolve("probe.policy.yaml"), policy);
    return McpProcess.start(
        McpProcess.corral(dir.resolve("home"), "serve", "--component", wasm.toString()));
  }

  private static String probe(String op, String arg) {
    ObjectNode args = JSON.createObjectNode().put("op", op).put("arg", arg);
    return JSON.writeValueAsString(args);
  }

  /** The text of the probe's {@code ok} result. */
  private static String guestOk(JsonNode result) {
    assertEquals("ok", result.at("/structuredContent/result/tag").asString(), result.toString());
    return result.at("/structuredContent/result/val").asString();
  }

  /** The text of the probe's {@code err} result: the guest itself saw the refusal. */
  private static String guestError(JsonNode result) {
    assertEquals("err", result.at("/structuredContent/result/tag").asString(), result.toString());
    return result.at("/structuredContent/result/val").asString();
  }

  private static void assertToolError(
      McpProcess server, String tool, String arguments, String cause) throws Exception {
    JsonNode result = server.callTool(tool, arguments);
    assertTrue(result.path("isError").asBoolean(false), result.toString());
    assertEquals(tool + " failed: " + cause, result.at("/content/0/text").asString());
  }

  private static void assertStdoutIsJsonRpc(McpProcess server) throws Exception {
    for (String line : server.stdoutSoFar()) {
      assertEquals(
          "2.0",
          JSON.readTree(line).path("jsonrpc").asString(),
          "stdout carried a non-JSON-RPC line: " + line);
    }
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
