package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Corral against clients it did not write: the MCP conformance suite over Streamable HTTP (the
 * scenarios MCP 2025-11-25 requires, then those of the stateless 2026-07-28) and the MCP Inspector
 * CLI over stdio, both from npm (pinned in build-tools/package.json).
 */
class RealClientsIT {
  private static final Pattern SERVING =
      Pattern.compile("serving \\d+ tool\\(s\\) at (http://127\\.0\\.0\\.1:\\d+/mcp)");

  @Test
  void conformanceSuiteFor2025PassesExceptScenariosNeedingTestOnlyTools() throws Exception {
    assertContainsAll(
        conformance("2025-11-25", "conformance-baseline.yml"),
        List.of(
            "✓ server-initialize: 3 passed, 0 failed", "✓ tools-list: 3 passed, 0 failed",
            "✓ server-session-lifecycle: 3 passed, 0 failed",
                "✓ dns-rebinding-protection: 2 passed, 0 failed"));
  }

  @Test
  void conformanceSuiteFor2026PassesExceptScenariosNeedingTestOnlyTools() throws Exception {
    // the four failing checks of server-stateless are the baseline's, each needing a test_* tool
    assertContainsAll(
        conformance("2026-07-28", "conformance-baseline-2026-07-28.yml"),
        List.of(
            "✗ server-stateless: 21 passed, 4 failed",
            "✓ caching: 7 passed, 0 failed",
            "✓ http-header-validation: 14 passed, 0 failed",
            "✓ dns-rebinding-protection: 2 passed, 0 failed",
            "✓ sep-2164-resource-not-found: 4 passed, 0 failed",
            "✓ tools-list: 4 passed, 0 failed",
            "✓ input-required-result-validate-input: 3 passed, 0 failed"));
  }

  /** Checks that {@code text} contains each of {@code expected}. */
  static void assertContainsAll(String text, List<String> expected) {
    for (String line : expected) {
      assertTrue(text.contains(line), "expected \"" + line + "\" in:\n" + text);
    }
  }

  /**
   * Runs the suite's server scenarios that {@code revision} requires, with {@code baseline} (in
   * src/test/resources) as the expected failures; returns its output after checking that every
   * failure was expected and no expected failure passed.
   */
  private static String conformance(String revision, String baseline) throws Exception {
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--no-auth",
            "--component",
            testComponent("adder.component.wasm").toString())) {
      String url = server.awaitStderr(SERVING).group(1);
      Path expected = Path.of("src/test/resources", baseline).toAbsolutePath();
      Path results = Path.of("target/conformance", revision).toAbsolutePath();
      Run run =
          run(
              McpProcess.npmTool(
                  "conformance",
                  "server",
                  "--url",
                  url,
                  "--requirements",
                  revision,
                  "--expected-failures",
                  expected.toString(),
                  "-o",
                  results.toString()),
              600);
      assertEquals(0, run.status(), run.output());
      assertTrue(
          run.output().contains("Baseline check passed: all failures are expected."), run.output());
      return run.output();
    }
  }

  @Test
  void inspectorCliListsAndCallsToolsOverStdio() throws Exception {
    List<String> serve =
        List.of(
            McpProcess.javaExecutable(),
            "-jar",
            McpProcess.jar().toString(),
            "serve",
            "--component",
            testComponent("adder.component.wasm").toString());

    Run list = run(inspector(serve, "--method", "tools/list"), 120);
    assertEquals(0, list.status(), list.output());
    List<String> names = new ArrayList<>();
    JSON.readTree(list.stdout()).get("tools").forEach(t -> names.add(t.get("name").asString()));
    names.removeAll(dev.corral.mcp.server.ManagementTools.NAMES);
    assertEquals(List.of("docs_adder_add_add"), names);

    Run call =
        run(
            inspector(
                serve,
                "--method",
                "tools/call",
                "--tool-name",
                "docs_adder_add_add",
                "--tool-arg",
                "x=2",
                "--tool-arg",
                "y=40"),
            120);
    assertEquals(0, call.status(), call.output());
    JsonNode result = JSON.readTree(call.stdout());
    assertEquals(JSON.readTree("{\"result\":42}"), result.get("structuredContent"));
    assertEquals(false, result.get("isError").asBoolean());
  }

  private static ProcessBuilder inspector(List<String> serverCommand, String... args) {
    List<String> all = new ArrayList<>(List.of("--cli"));
    all.addAll(serverCommand);
    all.addAll(List.of(args));
    ProcessBuilder builder = McpProcess.npmTool("mcp-inspector", all.toArray(String[]::new));
    try {
      // the server it starts must not write into this machine's real XDG directories
      Path home = java.nio.file.Files.createTempDirectory("corral-home");
      builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
      builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
      builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return builder;
  }

  private record Run(int status, String stdout, String stderr) {
    String output() {
      return "exit " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private static Run run(ProcessBuilder builder, int timeoutSeconds) throws Exception {
    Path out = java.nio.file.Files.createTempFile("corral-client", ".out");
    Path err = java.nio.file.Files.createTempFile("corral-client", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(builder.command() + " did not finish in " + timeoutSeconds + " s");
    }
    return new Run(
        process.exitValue(),
        java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
        java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
  }
}
