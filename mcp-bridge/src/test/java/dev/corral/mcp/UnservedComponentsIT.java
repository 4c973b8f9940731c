package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.samples.SampleTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A component that cannot be served never takes the server down, against the real server process
 * and CLI: installed components with a broken policy, a truncated, replaced or missing binary, and
 * a {@code --component} file that does not load are skipped (fail closed) and reported on stderr,
 * to the client as a logging notification, in {@code list-components} and {@code corral component
 * list}; the others serve. Fixing the file brings the component back without a restart, with {@code
 * notifications/tools/list_changed}. {@code --strict} keeps the exit with status 1.
 */
class UnservedComponentsIT {
  private static final String ADD = "docs_adder_add_add";
  private static final String LIST_KEYS = "corral_config_env_list-keys";
  private static final List<String> COMPUTE_TOOLS =
      List.of(
          ComputeSample.SHA256_TOOL, "corral_compute_text_stats", "corral_compute_text_top-words");
  private static final String BROKEN = "permisions: {\n";
  private static final long WAIT_MILLIS = 60_000;

  @TempDir Path home;

  private Path components() {
    return home.resolve("data/corral/components");
  }

  private Path sample(String name) throws Exception {
    Path file = home.resolve(name + ".wasm");
    Files.write(file, SampleTools.find(name).orElseThrow().wasm());
    return file;
  }

  /** Runs the CLI to its end; returns stdout, failing unless it exits with {@code status}. */
  private String corral(int status, String... args) throws Exception {
    try (McpProcess process = McpProcess.start(McpProcess.corral(home, args))) {
      assertEquals(status, process.waitForExit(), String.join(" ", args) + ": " + process.stderr());
      return String.join("\n", process.stdoutSoFar()) + (status == 0 ? "" : process.stderr());
    }
  }

  private void install(Path file, String id) throws Exception {
    corral(0, "component", "load", file.toString(), "--id", id);
  }

  private McpProcess serve(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", "--no-samples"));
    args.addAll(List.of(extra));
    return McpProcess.start(McpProcess.corral(home, args.toArray(String[]::new)));
  }

  /** Waits for a line on the server's stdout that {@code wanted} accepts, and returns it parsed. */
  private static JsonNode awaitStdout(McpProcess server, Predicate<JsonNode> wanted, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    while (System.nanoTime() < deadline) {
      for (String line : server.stdoutSoFar()) {
        JsonNode message = McpProcess.JSON.readTree(line);
        if (wanted.test(message)) {
          return message;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no " + what + " on stdout: " + server.stdoutSoFar() + "\nstderr:\n" + server.stderr());
  }

  private static JsonNode awaitLog(McpProcess server, String level, String data) throws Exception {
    return awaitStdout(
        server,
        m ->
            "notifications/message".equals(m.path("method").asString(null))
                && level.equals(m.at("/params/level").asString(null))
                && data.equals(m.at("/params/data").asString(null)),
        "logging notification '" + data + "'");
  }

  private static int listChangedCount(McpProcess server) {
    return (int)
        server.stdoutSoFar().stream()
            .filter(l -> l.contains("\"notifications/tools/list_changed\""))
            .count();
  }

  private static JsonNode listed(McpProcess server, String id) throws Exception {
    for (JsonNode entry :
        server.callTool("list-components", "{}").at("/structuredContent/components")) {
      if (id.equals(entry.get("id").asString())) {
        return entry;
      }
    }
    throw new AssertionError("list-components does not list " + id);
  }

  private static long add(McpProcess server) throws Exception {
    return server.callTool(ADD, "{\"x\":2,\"y\":40}").at("/structuredContent/result").asLong();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void brokenPolicyAmongThreeInstalledIsReportedEverywhereAndServedOnceFixed() throws Exception {
    install(testComponent("adder.component.wasm"), "adder");
    install(sample("compute"), "compute");
    install(sample("config"), "config");
    Path policy = components().resolve("config.policy.yaml");
    Files.writeString(policy, BROKEN);
    String problem =
        policy
            + ":2:1: YAML syntax error: expected the node content, but found '<stream end>' (while parsing a"
            + " flow node); hint: check indentation and quoting near this point";
    String reason = "its policy is invalid: " + problem;
    String report =
        "not serving component config (" + components().resolve("config.wasm") + "): " + reason;

    // corral policy validate gives the same problem, with its hint on a line of its own
    String validate = corral(1, "policy", "validate", policy.toString());
    assertEquals("corral: " + problem.replace("; hint: ", "\n  hint: "), validate.strip());
    // corral component list shows it as not served, with the same reason
    assertEquals(
        "adder  (no policy: nothing granted)\ncompute  (no policy: nothing granted)\nconfig  (not served: "
            + reason
            + ")",
        corral(0, "component", "list"));
    JsonNode json = McpProcess.JSON.readTree(corral(0, "component", "list", "-o", "json"));
    assertEquals(false, json.get(2).get("served").asBoolean());
    assertEquals(reason, json.get(2).get("reason").asString());
    assertEquals(true, json.get(0).get("served").asBoolean());

    try (McpProcess server = serve()) {
      server.initialize();
      // the client hears of it once it has initialized, and stderr had it at start
      awaitLog(server, "error", report);
      assertTrue(server.stderr().lines().anyMatch(("corral: " + report)::equals), server.stderr());
      // the two others serve and answer calls; the broken one offers nothing
      List<String> expected = new ArrayList<>(List.of(ADD));
      expected.addAll(COMPUTE_TOOLS);
      assertEquals(expected, server.componentToolNames());
      assertEquals(42, add(server));
      assertEquals(
          ComputeSample.sha256("abc"),
          server
              .callTool(ComputeSample.SHA256_TOOL, "{\"text\":\"abc\"}")
              .at("/structuredContent/result")
              .asString());
      JsonNode config = listed(server, "config");
      assertEquals(false, config.get("served").asBoolean());
      assertEquals(reason, config.get("reason").asString());
      assertEquals("[]", config.get("tools").toString());
      assertEquals(true, listed(server, "adder").get("served").asBoolean());

      // fixed: served without a restart, announced with list_changed
      int changes = listChangedCount(server);
      Files.writeString(
          policy,
          "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: CORRAL_SEEN\n");
      awaitLog(
          server,
          "info",
          "now serving component config (" + components().resolve("config.wasm") + "): 3 tool(s)");
      awaitStdout(
          server, m -> listChangedCount(server) > changes, "notifications/tools/list_changed");
      assertTrue(
          server.componentToolNames().contains(LIST_KEYS), server.componentToolNames().toString());
      assertEquals(
          "[]", server.callTool(LIST_KEYS, "{}").at("/structuredContent/result").toString());
      assertEquals(true, listed(server, "config").get("served").asBoolean());

      // broken again while served: the last good policy stays in force
      Files.writeString(policy, BROKEN);
      assertEquals(
          "[]", server.callTool(LIST_KEYS, "{}").at("/structuredContent/result").toString());
      assertEquals(true, listed(server, "config").get("served").asBoolean());
      assertEquals(0, server.closeAndWait());
    }
  }

  @Test
  void truncatedBinaryIsNotServedUntilReinstalled() throws Exception {
    Path adder = testComponent("adder.component.wasm");
    byte[] bytes = Files.readAllBytes(adder);
    install(adder, "tool");
    install(sample("compute"), "compute");
    Path installed = components().resolve("tool.wasm");
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
    Files.write(installed, truncated);
    String reason =
        "changed since it was installed (it has "
            + sha256(truncated)
            + ", installed "
            + sha256(bytes)
            + "); reinstall it (corral component load)";
    String report = "not serving component tool (" + installed + "): " + reason;
    assertEquals(
        "compute  (no policy: nothing granted)\ntool  (not served: " + reason + ")",
        corral(0, "component", "list"));

    try (McpProcess server = serve()) {
      server.initialize();
      awaitLog(server, "error", report);
      assertTrue(server.stderr().lines().anyMatch(("corral: " + report)::equals), server.stderr());
      assertEquals(COMPUTE_TOOLS, server.componentToolNames());
      assertEquals(reason, listed(server, "tool").get("reason").asString());

      int changes = listChangedCount(server);
      install(adder, "tool");
      awaitLog(server, "info", "now serving component tool (" + installed + "): 1 tool(s)");
      awaitStdout(
          server, m -> listChangedCount(server) > changes, "notifications/tools/list_changed");
      assertEquals(42, add(server));
    }
  }

  @Test
  void replacedBinaryIsNotServedEvenThoughItLoads() throws Exception {
    Path adder = testComponent("adder.component.wasm");
    install(adder, "tool");
    byte[] probe = Files.readAllBytes(testComponent("probe.component.wasm"));
    Path installed = components().resolve("tool.wasm");
    Files.write(installed, probe);
    String reason =
        "changed since it was installed (it has "
            + sha256(probe)
            + ", installed "
            + sha256(Files.readAllBytes(adder))
            + "); reinstall it (corral component load)";

    try (McpProcess server = serve()) {
      server.initialize();
      awaitLog(server, "error", "not serving component tool (" + installed + "): " + reason);
      assertEquals(List.of(), server.componentToolNames());
      assertEquals(reason, listed(server, "tool").get("reason").asString());
    }
  }

  @Test
  void missingPolicyServesWithNothingGrantedAndAMissingBinaryIsReported() throws Exception {
    install(sample("config"), "config");
    install(testComponent("adder.component.wasm"), "gone");
    Files.delete(components().resolve("gone.wasm"));
    assertFalse(Files.exists(components().resolve("config.policy.yaml")));
    String reason = "its file is missing; reinstall it (corral component load)";
    assertEquals(
        "config  (no policy: nothing granted)\ngone  (not served: " + reason + ")",
        corral(0, "component", "list"));

    ProcessBuilder builder = McpProcess.corral(home, "serve", "--no-samples");
    builder.environment().put("CORRAL_SEEN", "yes");
    try (McpProcess server = McpProcess.start(builder)) {
      server.initialize();
      awaitLog(
          server,
          "error",
          "not serving component gone (" + components().resolve("gone.wasm") + "): " + reason);
      assertEquals(
          "[]", server.callTool(LIST_KEYS, "{}").at("/structuredContent/result").toString());
    }
  }

  @Test
  void componentInstalledBeforeDigestsWereRecordedIsRecordedAtItsFirstServe() throws Exception {
    Files.createDirectories(components());
    byte[] bytes = Files.readAllBytes(testComponent("adder.component.wasm"));
    Files.write(components().resolve("old.wasm"), bytes);
    try (McpProcess server = serve()) {
      server.initialize();
      assertEquals(42, add(server));
    }
    assertEquals(sha256(bytes) + "\n", Files.readString(components().resolve("old.digest")));
    Files.write(components().resolve("old.wasm"), Arrays.copyOf(bytes, bytes.length - 1));
    assertTrue(
        corral(0, "component", "list")
            .startsWith("old  (not served: changed since it was installed"));
  }

  @Test
  void componentFileThatDoesNotLoadIsSkippedUnlessStrict() throws Exception {
    Path core = testComponent("modules_exitcode.wasm");
    String reason =
        "not a valid component: at byte offset 6: this is a core WebAssembly module, not a component (layer 0)";
    try (McpProcess server =
        serve(
            "--component",
            testComponent("adder.component.wasm").toString(),
            "--component",
            core.toString())) {
      server.initialize();
      awaitLog(server, "error", "not serving component modules_exitcode (" + core + "): " + reason);
      assertEquals(42, add(server));
      assertEquals(reason, listed(server, "modules_exitcode").get("reason").asString());
    }
    install(testComponent("adder.component.wasm"), "config");
    Path policy = components().resolve("config.policy.yaml");
    Files.writeString(policy, BROKEN);
    try (McpProcess strict =
        serve("--strict", "--component", testComponent("adder.component.wasm").toString())) {
      assertEquals(1, strict.waitForExit());
      assertEquals(
          "corral: cannot load component "
              + components().resolve("config.wasm")
              + ": its policy is invalid: "
              + policy
              + ":2:1: YAML syntax error: expected the node content, but found '<stream end>' (while parsing a flow node)\n"
              + "  hint: check indentation and quoting near this point",
          strict.stderr().strip());
      assertEquals(List.of(), strict.stdoutSoFar());
    }
  }

  @Test
  void aStreamableHttpClientHearsOfItOnceItsEventStreamOpens() throws Exception {
    Path core = testComponent("modules_exitcode.wasm");
    String report =
        "not serving component modules_exitcode ("
            + core
            + "): not a valid component: at byte offset 6: this is a"
            + " core WebAssembly module, not a component (layer 0)";
    try (McpProcess server =
        McpProcess.start(
            McpProcess.corral(
                home,
                "serve",
                "--http",
                "--listen",
                "127.0.0.1:0",
                "--no-auth",
                "--component",
                testComponent("adder.component.wasm").toString(),
                "--component",
                core.toString()))) {
      String base =
          server
              .awaitStderr(
                  Pattern.compile("serving \\d+ tool\\(s\\) at (http://127\\.0\\.0\\.1:\\d+)/mcp"))
              .group(1);
      List<LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
      try (McpSyncClient client =
          McpClient.sync(HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").build())
              .loggingConsumer(logs::add)
              .requestTimeout(Duration.ofSeconds(30))
              .build()) {
        client.initialize();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (logs.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertEquals(
            List.of(new LoggingMessageNotification(LoggingLevel.ERROR, "corral", report)), logs);
        assertEquals(
            List.of(ADD),
            client.listTools().tools().stream()
                .map(t -> t.name())
                .filter(name -> !dev.corral.mcp.server.ManagementTools.NAMES.contains(name))
                .toList());
      }
    }
  }
}
