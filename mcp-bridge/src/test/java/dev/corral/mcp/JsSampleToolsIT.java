package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JavaScript samples (built, not committed: sample-tools/build.sh, which .ci/run calls) through
 * the real server, from the directory in the system property {@code corral.samples.jsDir}
 * (mcp-bridge/pom.xml sets it). Skipped where they have not been built, unless {@code
 * corral.samples.requireJs} is {@code true} (.ci/run): then a missing sample fails.
 */
class JsSampleToolsIT {
  private static final String REQUIRE_JS = "corral.samples.requireJs";

  @TempDir Path dir;

  private static Path sample(String name) {
    String jsDir = System.getProperty("corral.samples.jsDir");
    if (jsDir == null || !Path.of(jsDir).isAbsolute()) {
      throw new IllegalStateException(
          "system property corral.samples.jsDir is "
              + (jsDir == null ? "not set" : "not absolute: " + jsDir)
              + " (mcp-bridge/pom.xml sets it)");
    }
    Path wasm = Path.of(jsDir).resolve(name + ".wasm").normalize();
    if (!Files.isRegularFile(wasm)) {
      String missing = wasm + " is not built (run sample-tools/build.sh)";
      if (Boolean.getBoolean(REQUIRE_JS)) {
        throw new AssertionError(
            missing + ", and this run requires the JavaScript samples (" + REQUIRE_JS + "=true)");
      }
      Assumptions.abort(missing + "; this test is skipped");
    }
    return wasm;
  }

  /**
   * The structured content of a call whose WIT result is {@code tag} with the string payload {@code
   * val}.
   */
  private static JsonNode result(String tag, String val) {
    ObjectNode content = JSON.createObjectNode();
    content.putObject("result").put("tag", tag).put("val", val);
    return content;
  }

  /** The params of the {@code notifications/message} lines among {@code lines}. */
  private static List<JsonNode> logMessages(List<String> lines) {
    return lines.stream()
        .map(JSON::readTree)
        .filter(message -> "notifications/message".equals(message.path("method").asString()))
        .map(message -> message.get("params"))
        .toList();
  }

  @Test
  void samplesServesTheBundledSamplesBesideTheJavaScriptOnes() throws Exception {
    Path time = sample("time");
    Path fetch = sample("fetch");
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--samples",
            "--component",
            time.toString(),
            "--component",
            fetch.toString())) {
      server.initialize();
      assertEquals(
          List.of(
              "corral_time_clock_now",
              "corral_time_clock_convert",
              "corral_time_clock_list-time-zones",
              "corral_fetch_http_fetch",
              "corral_fetch_http_fetch-raw",
              "corral_compute_text_sha256",
              "corral_compute_text_stats",
              "corral_compute_text_top-words",
              "corral_config_env_get",
              "corral_config_env_list-keys",
              "corral_config_env_with-prefix",
              "corral_filesystem_fs_list-directory",
              "corral_filesystem_fs_read-file",
              "corral_filesystem_fs_search",
              "corral_filesystem_fs_stat"),
          server.componentToolNames());
      assertEquals(
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
          server
              .callTool("corral_compute_text_sha256", "{\"text\":\"abc\"}")
              .at("/structuredContent/result")
              .asString());
      assertEquals(
          JSON.readTree(
              """
          {"result":{"tag":"ok","val":{"local":"2026-01-15T09:00:00+11:00","time-zone":"Australia/Sydney","utc-offset":"+11:00",
           "daylight-saving":true,"weekday":"Thursday","unix-seconds":1768428000}}}"""),
          server
              .callTool(
                  "corral_time_clock_convert",
                  "{\"instant\":\"2026-01-14T22:00:00Z\",\"time-zone\":\"Australia/Sydney\"}")
              .get("structuredContent"));
    }
  }

  @Test
  void timeConvertsAnInstantToAZoneWithDaylightSaving() throws Exception {
    Path time = sample("time");
    try (McpProcess server = McpProcess.start("serve", "--component", time.toString())) {
      server.initialize();
      JsonNode summer =
          server.callTool(
              "corral_time_clock_convert",
              "{\"instant\":\"2026-07-01T12:00:00Z\",\"time-zone\":\"Europe/Paris\"}");
      assertEquals(
          JSON.readTree(
              """
          {"result":{"tag":"ok","val":{"local":"2026-07-01T14:00:00+02:00","time-zone":"Europe/Paris","utc-offset":"+02:00",
           "daylight-saving":true,"weekday":"Wednesday","unix-seconds":1782907200}}}"""),
          summer.get("structuredContent"));
      JsonNode unknown =
          server.callTool("corral_time_clock_now", "{\"time-zone\":\"Mars/Olympus\"}");
      assertTrue(unknown.get("isError").asBoolean(), unknown.toString());
      assertEquals(
          result(
              "err",
              "unknown time zone \"Mars/Olympus\": use an IANA name from list-time-zones (such as"
                  + " Europe/Paris), UTC, or an offset such as +05:30"),
          unknown.get("structuredContent"));
    }
  }

  @Test
  void fetchReachesOnlyTheHostsItsPolicyGrants() throws Exception {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/page.html",
        exchange -> {
          byte[] body =
              "<html><body><h1>Corral</h1><p>Hello from <b>loopback</b>.</p></body></html>"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
    try {
      Path fetch = dir.resolve("fetch.wasm");
      Files.copy(sample("fetch"), fetch);
      Files.writeString(
          dir.resolve("fetch.policy.yaml"),
          "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: \"127.0.0.1\"\n");
      int port = http.getAddress().getPort();
      String url = "http://127.0.0.1:" + port + "/page.html";
      try (McpProcess server = McpProcess.start("serve", "--component", fetch.toString())) {
        server.initialize();
        JsonNode page = server.callTool("corral_fetch_http_fetch", "{\"url\":\"" + url + "\"}");
        assertEquals(
            result("ok", "# Corral\n\nHello from **loopback**.\n"),
            page.get("structuredContent"),
            page.toString());

        // localhost is not granted (only the address 127.0.0.1 is): the host refuses the request
        // before any connection, and says why in a logging notification sent before the result
        String other = "http://localhost:" + port + "/page.html";
        int before = server.stdoutSoFar().size();
        JsonNode denied = server.callTool("corral_fetch_http_fetch", "{\"url\":\"" + other + "\"}");
        List<String> lines = server.stdoutSoFar();
        assertTrue(denied.get("isError").asBoolean(), denied.toString());
        assertEquals(
            result(
                "err",
                "cannot fetch "
                    + other
                    + ": fetch_https: An error occurred while using the host API."
                    + " (the host may not be granted by the tool's policy, permissions.network.allow)"),
            denied.get("structuredContent"));
        ObjectNode notice =
            JSON.createObjectNode()
                .put("level", "warning")
                .put("logger", "fetch")
                .put(
                    "data",
                    "http request denied: network access to http://localhost:"
                        + port
                        + " is not allowed by the policy");
        assertEquals(List.of(notice), logMessages(lines.subList(before, lines.size())));
      }
    } finally {
      http.stop(0);
    }
  }
}
