package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real server driven by the MCP TypeScript SDK v2 client ({@code @modelcontextprotocol/client}
 * 2.4.0, pinned in build-tools/package.json) through src/test/resources/ts-client/drive.mjs: over
 * Streamable HTTP pinned to the stateless 2026-07-28 and in the 2025 era, and over stdio in
 * 2026-07-28. Each run lists, calls, has a grant approved and one declined (an elicitation in 2025,
 * an input-required result answered by a retry in 2026), and cancels a call that would run forever.
 */
class TypeScriptClientIT {
  private static final Pattern SERVING =
      Pattern.compile("serving \\d+ tool\\(s\\) at (http://127\\.0\\.0\\.1:\\d+/mcp)");
  private static final String TOKEN = "ts-client-it-token";
  private static final String CANCELLED =
      "run failed (TRAP): trap: the call was cancelled (its thread was interrupted)";

  @Test
  void modernClientOverHttpIsServedStatelessly(@TempDir Path home) throws Exception {
    // closing the request's stream cancels the call
    overHttp(home, "modern", "2026-07-28");
  }

  @Test
  void legacyClientOverHttpGetsA2025Session(@TempDir Path home) throws Exception {
    // notifications/cancelled stops the call
    overHttp(home, "legacy", "2025-11-25");
  }

  private static void overHttp(Path home, String era, String protocolVersion) throws Exception {
    try (McpProcess server =
        McpProcess.start(
            McpProcess.corral(
                home,
                serveArgs(home, "--http", "--listen", "127.0.0.1:0", "--token", TOKEN)
                    .toArray(String[]::new)))) {
      String url = server.awaitStderr(SERVING).group(1);
      assertSession(drive(era, "--url", url, TOKEN), protocolVersion, home);
      server.awaitStderr(Pattern.compile(Pattern.quote(CANCELLED)));
    }
  }

  @Test
  void modernClientOverStdio(@TempDir Path home) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("--stdio", McpProcess.javaExecutable(), "-jar", McpProcess.jar().toString()));
    command.addAll(serveArgs(home));
    Run run = run(home, "modern", command);
    assertSession(steps(run), "2026-07-28", home);
    assertTrue(
        run.stderr().contains(CANCELLED),
        "notifications/cancelled stops the call:\n" + run.stderr());
  }

  /** The steps every run goes through, each with its exact outcome. */
  private static void assertSession(Map<String, JsonNode> steps, String protocolVersion, Path home)
      throws Exception {
    assertEquals(
        protocolVersion, steps.get("connect").get("protocolVersion").asString(), steps.toString());
    List<String> tools = new ArrayList<>();
    steps.get("list").get("tools").forEach(t -> tools.add(t.asString()));
    tools.removeAll(dev.corral.mcp.server.ManagementTools.NAMES);
    assertEquals(List.of("docs_adder_add_add", "run"), tools);
    assertEquals(JSON.readTree("{\"result\":42}"), steps.get("call").get("structuredContent"));
    Path adder = home.resolve("components/adder.wasm");
    ObjectNode accepted = JSON.createObjectNode().put("step", "grant-accept");
    accepted
        .putArray("asked")
        .add(GrantQuestions.network(adder, "adder", "api.example.com", List.of()));
    accepted
        .put("text", "done: grant network access to \"api.example.com\" for adder")
        .put("isError", false);
    assertEquals(accepted, steps.get("grant-accept"));
    ObjectNode declined = JSON.createObjectNode().put("step", "grant-decline");
    declined
        .putArray("asked")
        .add(
            GrantQuestions.network(
                adder, "adder", "other.example.com", List.of("api.example.com")));
    declined
        .put(
            "text",
            "grant network access to \"other.example.com\" for adder: refused by the user (decline)")
        .put("isError", true);
    assertEquals(declined, steps.get("grant-decline"));
    assertEquals(
        "aborted", steps.get("cancel").get("outcome").asString(), steps.get("cancel").toString());
    assertEquals("Error: the user pressed stop", steps.get("cancel").get("message").asString());
    assertEquals(
        JSON.readTree("{\"result\":{\"tag\":\"ok\",\"val\":\"still here\"}}"),
        steps.get("after-cancel").get("structuredContent"));
  }

  /**
   * serve with copies of the adder (id {@code adder}) and the C probe (its {@code run} loops on
   * request).
   */
  private static List<String> serveArgs(Path home, String... more) throws Exception {
    Path components = Files.createDirectories(home.resolve("components"));
    Path adder =
        Files.copy(testComponent("adder.component.wasm"), components.resolve("adder.wasm"));
    Path probe =
        Files.copy(testComponent("probe.component.wasm"), components.resolve("probe.wasm"));
    List<String> args =
        new ArrayList<>(
            List.of("serve", "--component", adder.toString(), "--component", probe.toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static Map<String, JsonNode> drive(String era, String... how) throws Exception {
    Path home = Files.createTempDirectory("corral-ts-client");
    return steps(run(home, era, List.of(how)));
  }

  private static Map<String, JsonNode> steps(Run run) {
    assertEquals(0, run.status(), run.output());
    Map<String, JsonNode> steps = new LinkedHashMap<>();
    for (String line : run.stdout().split("\n")) {
      if (!line.isBlank()) {
        JsonNode step = JSON.readTree(line);
        steps.put(step.get("step").asString(), step);
      }
    }
    assertEquals(
        List.of(
            "connect", "list", "call", "grant-accept", "grant-decline", "cancel", "after-cancel"),
        List.copyOf(steps.keySet()),
        run.output());
    return steps;
  }

  private record Run(int status, String stdout, String stderr) {
    String output() {
      return "exit " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private static Run run(Path home, String era, List<String> how) throws Exception {
    Path script = Path.of("src/test/resources/ts-client/drive.mjs").toAbsolutePath();
    Path modules = McpProcess.repository().resolve("build-tools/node_modules");
    List<String> args =
        new ArrayList<>(List.of(script.toString(), modules.toString(), era, "adder"));
    args.addAll(how);
    ProcessBuilder builder = McpProcess.npmTool("node", args.toArray(String[]::new));
    // a server the script starts (stdio) keeps its XDG directories under home
    builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
    builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
    Path out = Files.createTempFile("corral-ts-client", ".out");
    Path err = Files.createTempFile("corral-ts-client", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(240, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "drive.mjs did not finish in 240 s:\n" + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
