package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The JavaScript samples (built, not committed: sample-tools/build.sh, which .ci/run calls)
 * through the real server. Skipped where they have not been built.
 */
class JsSampleToolsIT {
  private static final Path JS = McpProcess.repository().resolve("sample-tools/target/js-samples");

  @TempDir Path dir;

  private static Path sample(String name) {
    Path wasm = JS.resolve(name + ".wasm");
    assumeTrue(Files.exists(wasm), "JavaScript samples not built (run sample-tools/build.sh)");
    return wasm;
  }

  @Test
  void timeConvertsAnInstantToAZoneWithDaylightSaving() throws Exception {
    Path time = sample("time");
    try (McpProcess server = McpProcess.start("serve", "--component", time.toString())) {
      server.initialize();
      JsonNode summer = server.callTool("corral_time_clock_convert",
          "{\"instant\":\"2026-07-01T12:00:00Z\",\"time-zone\":\"Europe/Paris\"}");
      assertEquals(McpProcess.JSON.readTree("""
          {"result":{"tag":"ok","val":{"local":"2026-07-01T14:00:00+02:00","time-zone":"Europe/Paris","utc-offset":"+02:00",
           "daylight-saving":true,"weekday":"Wednesday","unix-seconds":1782907200}}}"""), summer.get("structuredContent"));
      JsonNode unknown = server.callTool("corral_time_clock_now", "{\"time-zone\":\"Mars/Olympus\"}");
      assertTrue(unknown.get("isError").asBoolean(), unknown.toString());
    }
  }

  @Test
  void fetchReachesOnlyTheHostsItsPolicyGrants() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/page.html", exchange -> {
      byte[] body = "<html><body><h1>Corral</h1><p>Hello from <b>loopback</b>.</p></body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    http.start();
    try {
      Path fetch = dir.resolve("fetch.wasm");
      Files.copy(sample("fetch"), fetch);
      Files.writeString(dir.resolve("fetch.policy.yaml"),
          "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: \"127.0.0.1\"\n");
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/page.html";
      try (McpProcess server = McpProcess.start("serve", "--component", fetch.toString())) {
        server.initialize();
        JsonNode page = server.callTool("corral_fetch_http_fetch", "{\"url\":\"" + url + "\"}");
        assertEquals("ok", page.at("/structuredContent/result/tag").asString(), page.toString());
        String markdown = page.at("/structuredContent/result/val").asString();
        assertTrue(markdown.contains("# Corral") && markdown.contains("Hello from **loopback**."), markdown);

        String other = "http://localhost:" + http.getAddress().getPort() + "/page.html";
        JsonNode denied = server.callTool("corral_fetch_http_fetch", "{\"url\":\"" + other + "\"}");
        assertTrue(denied.get("isError").asBoolean(), denied.toString());
        assertEquals("err", denied.at("/structuredContent/result/tag").asString(), denied.toString());
      }
    } finally {
      http.stop(0);
    }
  }
}
