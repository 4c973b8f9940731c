package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The real server process over Streamable HTTP and legacy SSE, with the SDK's own client. */
class HttpServerIT {
  private static final Pattern SERVING = Pattern.compile("serving \\d+ tool\\(s\\) at (http://127\\.0\\.0\\.1:(\\d+))/mcp");
  private static final Pattern TOKEN = Pattern.compile("bearer token \\(send as 'Authorization: Bearer <token>'\\): (\\S+)$");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void streamableHttpWithGeneratedTokenListsAndCallsTools() throws Exception {
    try (McpProcess server = McpProcess.start("serve", "--http", "--listen", "127.0.0.1:0", "--sse",
        "--component", testComponent("adder.component.wasm").toString())) {
      String token = server.awaitStderr(TOKEN).group(1);
      Matcher serving = server.awaitStderr(SERVING);
      String base = serving.group(1);

      assertEquals(200, get(base + "/health", Map.of()).statusCode());
      assertEquals("{\"status\":\"ok\"}", get(base + "/health", Map.of()).body());

      HttpResponse<String> anonymous = post(base + "/mcp", Map.of());
      assertEquals(401, anonymous.statusCode());
      assertEquals("{\"error\":\"missing bearer token (send Authorization: Bearer <token>)\"}", anonymous.body());
      assertEquals(401, post(base + "/mcp", Map.of("Authorization", "Bearer wrong")).statusCode());
      assertEquals(401, get(base + "/sse", Map.of()).statusCode());

      int port = Integer.parseInt(serving.group(2));
      assertEquals("HTTP/1.1 403 Forbidden", statusLineWithHost(port, "evil.example:" + port, token));
      assertEquals("HTTP/1.1 403 Forbidden", statusLineWithHost(port, "127.0.0.1:" + (port + 1), token));
      HttpResponse<String> foreignOrigin = post(base + "/mcp", Map.of("Authorization", "Bearer " + token, "Origin", "http://evil.example"));
      assertEquals(403, foreignOrigin.statusCode());
      assertEquals("{\"error\":\"Origin 'http://evil.example' not allowed\"}", foreignOrigin.body());

      HttpRequest.Builder authorized = HttpRequest.newBuilder().header("Authorization", "Bearer " + token);
      assertAddsThroughClient(HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").requestBuilder(authorized).build());
      assertAddsThroughClient(HttpClientSseClientTransport.builder(base).sseEndpoint("/sse").requestBuilder(authorized).build());
    }
  }

  @Test
  void tokenFromTheEnvironmentIsUsedAndNotPrinted() throws Exception {
    ProcessBuilder builder = McpProcess.corral(java.nio.file.Files.createTempDirectory("corral-home"),
        "serve", "--http", "--listen", "127.0.0.1:0", "--no-samples");
    builder.environment().put("CORRAL_TOKEN", "s3cret-from-env");
    try (McpProcess server = McpProcess.start(builder)) {
      String base = server.awaitStderr(SERVING).group(1);
      assertFalse(server.stderr().contains("s3cret-from-env"), server.stderr());
      assertFalse(server.stderr().contains("bearer token"), server.stderr());
      assertEquals(401, post(base + "/mcp", Map.of("Authorization", "Bearer nope")).statusCode());
      // Authenticated: reaches MCP, which rejects an empty body as a bad request rather than 401.
      assertEquals(400, post(base + "/mcp", Map.of("Authorization", "Bearer s3cret-from-env")).statusCode());
    }
  }

  @Test
  void cancelledCallOverStreamableHttpStopsTheGuest() throws Exception {
    try (McpProcess server = McpProcess.start("serve", "--http", "--listen", "127.0.0.1:0", "--no-auth",
        "--component", testComponent("probe.component.wasm").toString())) {
      String mcp = server.awaitStderr(SERVING).group(1) + "/mcp";
      HttpResponse<String> init = post(mcp, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
          + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"cancel-test\",\"version\":\"1\"}}}");
      assertEquals(200, init.statusCode(), init.body());
      String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
      Map<String, String> inSession = Map.of("Mcp-Session-Id", session);
      assertEquals(202, post(mcp, inSession, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode());

      java.util.concurrent.CompletableFuture<HttpResponse<String>> call = http.sendAsync(request(mcp, inSession,
          "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"run\","
              + "\"arguments\":{\"op\":\"loop\",\"arg\":\"\"}}}"), HttpResponse.BodyHandlers.ofString());
      for (int attempt = 0; attempt < 40 && !call.isDone(); attempt++) {
        post(mcp, inSession, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}");
        try {
          call.get(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException notYet) {
          // the call has not started or not been cancelled yet: tell it again
        }
      }
      String body = call.get(30, java.util.concurrent.TimeUnit.SECONDS).body();
      String json = body.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).findFirst().orElse(body);
      JsonNode reply = McpProcess.JSON.readTree(json);
      assertEquals(5, reply.get("id").asInt(), body);
      assertEquals("run failed: trap: the call was cancelled (its thread was interrupted)",
          reply.at("/result/content/0/text").asString(), body);
    }
  }

  @Test
  void noAuthIsRefusedOffLoopback() throws Exception {
    try (McpProcess server = McpProcess.start("serve", "--http", "--listen", "0.0.0.0:0", "--no-auth")) {
      assertEquals(1, server.waitForExit());
      assertEquals("corral: --no-auth is accepted only on a loopback address; 0.0.0.0:0 is not one", server.stderr().strip());
    }
  }

  /**
   * One legacy SSE session with many calls in flight: every answer arrives whole and matches its
   * own call. (The SDK writes an event's two lines in separate writes; Corral sends one message at
   * a time per session so that answers finishing together cannot interleave. This test did not
   * catch an interleaving without that lock either: it guards the behaviour, not the cause.)
   * Threads spinning in this JVM load the machine meanwhile.
   */
  @Test
  void parallelCallsOnOneSseSessionEachGetTheirOwnAnswer() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("corral-sse");
    java.nio.file.Path compute = dir.resolve("compute.wasm");
    java.nio.file.Files.write(compute, dev.corral.samples.SampleTools.find("compute").orElseThrow().wasm());
    try (CpuLoad load = new CpuLoad(4);
        McpProcess server = McpProcess.start("serve", "--http", "--listen", "127.0.0.1:0", "--sse", "--no-auth",
        "--no-samples", "--component", compute.toString());
        McpSyncClient client = McpClient.sync(HttpClientSseClientTransport.builder(server.awaitStderr(SERVING).group(1))
            .sseEndpoint("/sse").build()).requestTimeout(Duration.ofSeconds(60)).build()) {
      client.initialize();
      java.util.List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
      try (java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(32)) {
        for (int i = 0; i < 800; i++) {
          String text = "sse " + i;
          callers.submit(() -> {
            try {
              McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(ComputeSample.SHA256_TOOL,
                  Map.of("text", text)));
              if (!Map.of("result", ComputeSample.sha256(text)).equals(result.structuredContent())) {
                wrong.add(text + ": " + result);
              }
            } catch (RuntimeException e) {
              wrong.add(text + ": " + e);
            }
          });
        }
      }
      assertEquals(List.of(), wrong.stream().limit(5).toList(), wrong.size() + " wrong answers");
    }
  }

  private static void assertAddsThroughClient(McpClientTransport transport) {
    try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
      client.initialize();
      List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name)
          .filter(name -> !dev.corral.mcp.server.ManagementTools.NAMES.contains(name)).toList();
      assertEquals(List.of("docs_adder_add_add"), names);
      McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("docs_adder_add_add", Map.of("x", 2, "y", 40)));
      assertEquals(Map.of("result", 42), result.structuredContent());
    }
  }

  /** Sends a POST with a chosen Host header (java.net.http refuses to set one). */
  private static String statusLineWithHost(int port, String host, String token) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      String request = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
    }
  }

  private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, Map<String, String> headers) throws Exception {
    return post(url, headers, "");
  }

  private HttpResponse<String> post(String url, Map<String, String> headers, String body) throws Exception {
    return http.send(request(url, headers, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String url, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return request.build();
  }
}
