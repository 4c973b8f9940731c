package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Wassette's own JavaScript examples (test resources {@code components/wassette/}), each with its
 * own unchanged policy, through the real server. get-weather reads its API key from {@code
 * wasi:config/store@0.2.0-draft}, which serves the environment variables its policy allows (as
 * Wassette does), then fetches {@code https://api.openweathermap.org}, which its policy allows by
 * name. The server runs with a hosts file ({@code jdk.net.hosts.file}) that resolves that name to
 * 127.0.0.1, so the outcome does not depend on this machine's network: a loopback address the
 * policy does not name is refused before anything is sent.
 */
class WassetteExamplesIT {
  private static final String KEY = "OPENWEATHER_API_KEY";

  @TempDir Path dir;

  /** Decompresses {@code NAME.wasm.gz} into the temporary directory with its policy beside it. */
  private Path install(String name) throws Exception {
    Path wasm = dir.resolve(name + ".wasm");
    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(McpProcess.testComponent("wassette/" + name + ".wasm.gz")))) {
      Files.copy(in, wasm);
    }
    Files.copy(
        McpProcess.testComponent("wassette/" + name + ".policy.yaml"),
        dir.resolve(name + ".policy.yaml"));
    return wasm;
  }

  /** The server serving get-weather, with {@code apiKey} (or none) in its environment. */
  private McpProcess weatherServer(String apiKey) throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 api.openweathermap.org\n");
    ProcessBuilder builder =
        McpProcess.corral(
            Files.createTempDirectory("corral-home"),
            "serve",
            "--component",
            install("get-weather-js").toString());
    builder.command().add(1, "-Djdk.net.hosts.file=" + hosts);
    builder.environment().remove(KEY);
    if (apiKey != null) {
      builder.environment().put(KEY, apiKey);
    }
    McpProcess server = McpProcess.start(builder);
    server.initialize();
    return server;
  }

  @Test
  void getWeatherReadsItsKeyFromConfigAndItsRequestIsRefusedByTheAddressCheck() throws Exception {
    try (McpProcess server = weatherServer("test-key-123")) {
      assertEquals(List.of("get-weather"), server.componentToolNames());
      int before = server.stdoutSoFar().size();
      JsonNode r = server.callTool("get-weather", "{\"city\":\"Paris\"}");
      assertTrue(r.get("isError").asBoolean(), r.toString());
      assertEquals(
          JSON.readTree(
              "{\"result\":{\"tag\":\"err\",\"val\":\"NetworkError when attempting to fetch resource\"}}"),
          r.get("structuredContent"));
      List<String> lines = server.stdoutSoFar();
      List<String> notices =
          lines.subList(before, lines.size()).stream()
              .map(JSON::readTree)
              .filter(message -> "notifications/message".equals(message.path("method").asString()))
              .map(message -> message.at("/params/data").asString())
              .toList();
      assertEquals(
          List.of(
              "http request denied: https://api.openweathermap.org:443 resolves to 127.0.0.1, a loopback"
                  + " address, which the policy does not explicitly allow"),
          notices);
    }
  }

  @Test
  void getWeatherWithoutItsKeyInTheEnvironmentSaysSo() throws Exception {
    try (McpProcess server = weatherServer(null)) {
      JsonNode r = server.callTool("get-weather", "{\"city\":\"Paris\"}");
      assertTrue(r.get("isError").asBoolean(), r.toString());
      assertEquals(
          JSON.readTree(
              "{\"result\":{\"tag\":\"err\",\"val\":\"Error: OPENWEATHER_API_KEY is not set\"}}"),
          r.get("structuredContent"));
    }
  }

  @Test
  void timeServerAnswersTheCurrentTime() throws Exception {
    try (McpProcess server =
        McpProcess.start("serve", "--component", install("time-server-js").toString())) {
      server.initialize();
      assertEquals(List.of("local_time-server_time_get-current-time"), server.componentToolNames());
      Instant before = Instant.now();
      JsonNode r = server.callTool("local_time-server_time_get-current-time", "{}");
      Instant after = Instant.now();
      assertFalse(r.get("isError").asBoolean(), r.toString());
      Instant now = Instant.parse(r.at("/structuredContent/result").asString());
      assertTrue(
          !now.isBefore(before.truncatedTo(ChronoUnit.MILLIS)) && !now.isAfter(after),
          now + " is not between " + before + " and " + after);
    }
  }
}
