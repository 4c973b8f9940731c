package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The real server process over Streamable HTTP and legacy SSE, with the SDK's own client. */
class HttpServerIT {
  private static final Pattern SERVING =
      Pattern.compile("serving \\d+ tool\\(s\\) at (http://127\\.0\\.0\\.1:(\\d+))/mcp");
  private static final Pattern TOKEN =
      Pattern.compile("bearer token \\(send as 'Authorization: Bearer <token>'\\): (\\S+)$");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void streamableHttpWithGeneratedTokenListsAndCallsTools() throws Exception {
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--sse",
            "--component",
            testComponent("adder.component.wasm").toString())) {
      String token = server.awaitStderr(TOKEN).group(1);
      Matcher serving = server.awaitStderr(SERVING);
      String base = serving.group(1);

      assertEquals(200, get(base + "/health", Map.of()).statusCode());
      assertEquals("{\"status\":\"ok\"}", get(base + "/health", Map.of()).body());

      HttpResponse<String> anonymous = post(base + "/mcp", Map.of());
      assertEquals(401, anonymous.statusCode());
      assertEquals(
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
              + "\"message\":\"missing bearer token (send Authorization: Bearer <token>)\"}}",
          anonymous.body());
      assertEquals(401, post(base + "/mcp", Map.of("Authorization", "Bearer wrong")).statusCode());
      assertEquals(401, get(base + "/sse", Map.of()).statusCode());

      int port = Integer.parseInt(serving.group(2));
      assertEquals(
          "HTTP/1.1 403 Forbidden", statusLineWithHost(port, "evil.example:" + port, token));
      assertEquals(
          "HTTP/1.1 403 Forbidden", statusLineWithHost(port, "127.0.0.1:" + (port + 1), token));
      HttpResponse<String> foreignOrigin =
          post(
              base + "/mcp",
              Map.of("Authorization", "Bearer " + token, "Origin", "http://evil.example"));
      assertEquals(403, foreignOrigin.statusCode());
      assertEquals(
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
              + "\"message\":\"Origin 'http://evil.example' not allowed\"}}",
          foreignOrigin.body());

      HttpRequest.Builder authorized =
          HttpRequest.newBuilder().header("Authorization", "Bearer " + token);
      assertAddsThroughClient(
          HttpClientStreamableHttpTransport.builder(base)
              .endpoint("/mcp")
              .requestBuilder(authorized)
              .build());
      assertAddsThroughClient(
          HttpClientSseClientTransport.builder(base)
              .sseEndpoint("/sse")
              .requestBuilder(authorized)
              .build());
    }
  }

  @Test
  void tokenFromTheEnvironmentIsUsedAndNotPrinted() throws Exception {
    ProcessBuilder builder =
        McpProcess.corral(
            java.nio.file.Files.createTempDirectory("corral-home"),
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--no-samples");
    builder.environment().put("CORRAL_TOKEN", "s3cret-from-the-env");
    try (McpProcess server = McpProcess.start(builder)) {
      String base = server.awaitStderr(SERVING).group(1);
      assertFalse(server.stderr().contains("s3cret-from-the-env"), server.stderr());
      assertFalse(server.stderr().contains("bearer token"), server.stderr());
      assertEquals(401, post(base + "/mcp", Map.of("Authorization", "Bearer nope")).statusCode());
      // Authenticated: gets past the token check to the body check, which rejects an empty body.
      HttpResponse<String> empty =
          post(base + "/mcp", Map.of("Authorization", "Bearer s3cret-from-the-env"));
      assertEquals(400, empty.statusCode());
      assertEquals(
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: no JSON value\"}}",
          empty.body());
    }
  }

  @Test
  void cancelledCallOverStreamableHttpStopsTheGuest() throws Exception {
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--no-auth",
            "--component",
            testComponent("probe.component.wasm").toString())) {
      String mcp = server.awaitStderr(SERVING).group(1) + "/mcp";
      HttpResponse<String> init =
          post(
              mcp,
              Map.of(),
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                  + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"cancel-test\",\"version\":\"1\"}}}");
      assertEquals(200, init.statusCode(), init.body());
      String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
      Map<String, String> inSession = Map.of("Mcp-Session-Id", session);
      assertEquals(
          202,
          post(mcp, inSession, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
              .statusCode());

      java.util.concurrent.CompletableFuture<HttpResponse<String>> call =
          http.sendAsync(
              request(
                  mcp,
                  inSession,
                  "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"run\","
                      + "\"arguments\":{\"op\":\"loop\",\"arg\":\"\"}}}"),
              HttpResponse.BodyHandlers.ofString());
      for (int attempt = 0; attempt < 40 && !call.isDone(); attempt++) {
        post(
            mcp,
            inSession,
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}");
        try {
          call.get(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException notYet) {
          // the call has not started or not been cancelled yet: tell it again
        }
      }
      String body = call.get(30, java.util.concurrent.TimeUnit.SECONDS).body();
      String json =
          body.lines()
              .filter(l -> l.startsWith("data:"))
              .map(l -> l.substring(5).strip())
              .findFirst()
              .orElse(body);
      JsonNode reply = McpProcess.JSON.readTree(json);
      assertEquals(5, reply.get("id").asInt(), body);
      assertEquals(
          "run failed: trap: the call was cancelled (its thread was interrupted)",
          reply.at("/result/content/0/text").asString(),
          body);
    }
  }

  /**
   * Over Streamable HTTP and SSE, a body that is not one valid JSON-RPC message gets HTTP 400 with
   * the JSON-RPC error, one above 4 MiB (with or without Content-Length) 413, and the session keeps
   * serving.
   */
  @Test
  void invalidBodiesGetJsonRpcErrorsAndTheSessionKeepsServing() throws Exception {
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--no-auth",
            "--sse",
            "--component",
            testComponent("adder.component.wasm").toString())) {
      String base = server.awaitStderr(SERVING).group(1);
      String mcp = base + "/mcp";
      HttpResponse<String> init =
          post(
              mcp,
              Map.of(),
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                  + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bodies\",\"version\":\"1\"}}}");
      Map<String, String> inSession =
          Map.of("Mcp-Session-Id", init.headers().firstValue("Mcp-Session-Id").orElseThrow());
      assertEquals(
          202,
          post(mcp, inSession, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
              .statusCode());

      String batches =
          "Invalid Request: batches (JSON arrays) are not supported since MCP 2025-06-18; send one message at a time";
      assertHttpError(400, -32700, null, "Parse error: no JSON value", post(mcp, inSession, ""));
      assertHttpError(
          400,
          -32700,
          null,
          "Parse error: Unexpected character ('t' (code 116)): was expecting double-quote to start property name",
          post(mcp, inSession, "{this is not json"));
      assertHttpError(
          400,
          -32600,
          null,
          batches,
          post(mcp, inSession, "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]"));
      assertHttpError(
          400,
          -32600,
          null,
          "Invalid Request: \"jsonrpc\" must be \"2.0\"",
          post(mcp, inSession, "{}"));
      assertHttpError(
          400,
          -32600,
          3,
          "Invalid Request: a message needs a \"method\" (a request or notification) or a \"result\""
              + " or \"error\" (a response)",
          post(mcp, inSession, "{\"jsonrpc\":\"2.0\",\"id\":3}"));
      assertHttpError(
          400,
          -32600,
          null,
          "Invalid Request: \"id\" must be a string or an integer, got 2.5",
          post(mcp, inSession, "{\"jsonrpc\":\"2.0\",\"id\":2.5,\"method\":\"ping\"}"));

      String tooLarge = "Invalid Request: the message is longer than the limit of 4194304 bytes";
      assertHttpError(413, -32600, null, tooLarge, post(mcp, inSession, ping((4 << 20) + 1)));
      HttpResponse<String> chunked =
          http.send(
              HttpRequest.newBuilder(URI.create(mcp))
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json, text/event-stream")
                  .header("Mcp-Session-Id", inSession.get("Mcp-Session-Id"))
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () ->
                              new java.io.ByteArrayInputStream(
                                  ping((4 << 20) + 1)
                                      .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertHttpError(413, -32600, null, tooLarge, chunked);
      assertEquals(
          McpProcess.JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":\"edge\",\"result\":{}}"),
          eventData(post(mcp, inSession, ping(4 << 20))));

      JsonNode sum =
          eventData(
              post(
                  mcp,
                  inSession,
                  "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
                      + "\"params\":{\"name\":\"docs_adder_add_add\",\"arguments\":{\"x\":40,\"y\":2}}}"));
      assertEquals("{\"result\":42}", sum.at("/result/structuredContent").toString());

      try (SseSession sse = new SseSession(http, base)) {
        sse.initialize();
        assertHttpError(
            400, -32600, null, "Invalid Request: \"jsonrpc\" must be \"2.0\"", sse.post("{}"));
        assertHttpError(400, -32600, null, batches, sse.post("[]"));
        assertHttpError(413, -32600, null, tooLarge, sse.post(ping((4 << 20) + 1)));
        assertEquals(
            200,
            sse.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"docs_adder_add_add\",\"arguments\":{\"x\":1,\"y\":2}}}")
                .statusCode());
        assertEquals("{\"result\":3}", sse.replyTo(5).at("/result/structuredContent").toString());
      }
    }
  }

  /** A ping request with id "edge", padded to exactly {@code length} bytes. */
  private static String ping(int length) {
    String head = "{\"jsonrpc\":\"2.0\",\"id\":\"edge\",\"method\":\"ping\",\"params\":{\"pad\":\"";
    String tail = "\"}}";
    return head + "a".repeat(length - head.length() - tail.length()) + tail;
  }

  private static void assertHttpError(
      int status, int code, Object id, String message, HttpResponse<String> response) {
    tools.jackson.databind.node.ObjectNode expected =
        McpProcess.JSON.createObjectNode().put("jsonrpc", "2.0");
    expected.set("id", McpProcess.JSON.valueToTree(id));
    expected.putObject("error").put("code", code).put("message", message);
    assertEquals(
        status + " " + expected,
        response.statusCode() + " " + McpProcess.JSON.readTree(response.body()));
  }

  /** The one JSON-RPC message of a Streamable HTTP answer (an SSE stream or a JSON body). */
  private static JsonNode eventData(HttpResponse<String> response) {
    String body = response.body();
    return McpProcess.JSON.readTree(
        body.lines()
            .filter(l -> l.startsWith("data:"))
            .map(l -> l.substring(5).strip())
            .findFirst()
            .orElse(body));
  }

  @Test
  void cancelledCallOverSseStopsTheGuest() throws Exception {
    try (McpProcess server =
            McpProcess.start(
                "serve",
                "--http",
                "--listen",
                "127.0.0.1:0",
                "--no-auth",
                "--sse",
                "--component",
                testComponent("probe.component.wasm").toString());
        SseSession sse = new SseSession(http, server.awaitStderr(SERVING).group(1))) {
      sse.initialize();
      var call =
          sse.postAsync(
              "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"run\","
                  + "\"arguments\":{\"op\":\"loop\",\"arg\":\"\"}}}");
      // the call may not have started yet when the first notice arrives: repeat it until the reply
      // comes
      JsonNode reply = null;
      for (int attempt = 0; attempt < 40 && reply == null; attempt++) {
        sse.post(
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}");
        reply = sse.pollMessage(500);
      }
      assertEquals(5, reply.get("id").asInt(), String.valueOf(reply));
      assertEquals(
          "run failed: trap: the call was cancelled (its thread was interrupted)",
          reply.at("/result/content/0/text").asString(),
          reply.toString());
      assertEquals(200, call.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode());

      sse.postAsync(
          "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"run\","
              + "\"arguments\":{\"op\":\"echo\",\"arg\":\"still here\"}}}");
      assertEquals(
          "{\"result\":{\"tag\":\"ok\",\"val\":\"still here\"}}",
          sse.replyTo(6).at("/result/structuredContent").toString());
    }
  }

  @Test
  void aGeneratedTokenIsKeptAndReusedOnLaterStarts() throws Exception {
    java.nio.file.Path home = java.nio.file.Files.createTempDirectory("corral-home");
    java.nio.file.Path file = home.resolve("config/corral/token");
    String token;
    try (McpProcess server =
        McpProcess.start(
            McpProcess.corral(
                home, "serve", "--http", "--listen", "127.0.0.1:0", "--no-samples"))) {
      token = server.awaitStderr(TOKEN).group(1);
      String base = server.awaitStderr(SERVING).group(1);
      assertTrue(
          server
              .stderr()
              .contains(
                  "corral: generated a bearer token, kept in " + file + " for later starts\n"),
          server.stderr());
      assertEquals(token + "\n", java.nio.file.Files.readString(file));
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              java.nio.file.Files.getPosixFilePermissions(file)));
      assertEquals(
          400, post(base + "/mcp", Map.of("Authorization", "Bearer " + token)).statusCode());
    }
    try (McpProcess server =
        McpProcess.start(
            McpProcess.corral(
                home, "serve", "--http", "--listen", "127.0.0.1:0", "--no-samples"))) {
      assertEquals(token, server.awaitStderr(TOKEN).group(1));
      String base = server.awaitStderr(SERVING).group(1);
      assertTrue(
          server.stderr().contains("corral: using the bearer token kept in " + file + "\n"),
          server.stderr());
      assertEquals(
          400, post(base + "/mcp", Map.of("Authorization", "Bearer " + token)).statusCode());
    }
    ProcessBuilder fromEnvironment =
        McpProcess.corral(home, "serve", "--http", "--listen", "127.0.0.1:0", "--no-samples");
    fromEnvironment.environment().put("CORRAL_TOKEN", "s3cret-from-the-env");
    try (McpProcess server = McpProcess.start(fromEnvironment)) {
      String base = server.awaitStderr(SERVING).group(1);
      assertEquals(
          401, post(base + "/mcp", Map.of("Authorization", "Bearer " + token)).statusCode());
      assertEquals(
          400,
          post(base + "/mcp", Map.of("Authorization", "Bearer s3cret-from-the-env")).statusCode());
    }
    try (McpProcess server =
        McpProcess.start(
            McpProcess.corral(
                home,
                "serve",
                "--http",
                "--listen",
                "127.0.0.1:0",
                "--no-samples",
                "--token",
                "s3cret-from-the-command-line"))) {
      String base = server.awaitStderr(SERVING).group(1);
      assertEquals(
          401, post(base + "/mcp", Map.of("Authorization", "Bearer " + token)).statusCode());
    }
    assertEquals(token + "\n", java.nio.file.Files.readString(file));

    java.nio.file.Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    try (McpProcess server =
        McpProcess.start(
            McpProcess.corral(
                home, "serve", "--http", "--listen", "127.0.0.1:0", "--no-samples"))) {
      assertEquals(1, server.waitForExit());
      assertEquals(
          "corral: the bearer token file "
              + file
              + " may be read by others (mode rw-r--r--): run chmod 600 on it,"
              + " or delete it for a new token",
          server.stderr().strip());
    }
  }

  /**
   * --token, $CORRAL_TOKEN and the token file follow one rule, and a refusal never shows the token.
   */
  @Test
  void everyTokenFollowsTheTokenFilesRule() throws Exception {
    String rule =
        " is not a usable bearer token: a token must be 16 to 512 letters, digits or -._~+/= ";
    try (McpProcess server =
        McpProcess.start(
            "serve", "--http", "--listen", "127.0.0.1:0", "--no-samples", "--token", "x")) {
      assertEquals(1, server.waitForExit());
      assertEquals("corral: --token" + rule + "(it has 1 character)", server.stderr().strip());
    }
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--no-samples",
            "--token",
            "sixteen chars ok")) {
      assertEquals(1, server.waitForExit());
      assertEquals(
          "corral: --token" + rule + "(it has a character outside that set)",
          server.stderr().strip());
    }
    java.nio.file.Path home = java.nio.file.Files.createTempDirectory("corral-home");
    ProcessBuilder fromEnvironment =
        McpProcess.corral(home, "serve", "--http", "--listen", "127.0.0.1:0", "--no-samples");
    fromEnvironment.environment().put("CORRAL_TOKEN", "fifteen-chars-1");
    try (McpProcess server = McpProcess.start(fromEnvironment)) {
      assertEquals(1, server.waitForExit());
      assertEquals(
          "corral: $CORRAL_TOKEN" + rule + "(it has 15 characters)", server.stderr().strip());
      assertFalse(server.stderr().contains("fifteen-chars-1"), server.stderr());
    }
    java.nio.file.Path file = home.resolve("config/corral/token");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, "fifteen-chars-1\n");
    java.nio.file.Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    try (McpProcess server =
        McpProcess.start(
            McpProcess.corral(
                home, "serve", "--http", "--listen", "127.0.0.1:0", "--no-samples"))) {
      assertEquals(1, server.waitForExit());
      assertEquals(
          "corral: the bearer token file "
              + file
              + " does not hold a token (16 to 512 letters, digits or -._~+/=);"
              + " delete it for a new one",
          server.stderr().strip());
    }
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--no-samples",
            "--token",
            "exactly-16-chars")) {
      String base = server.awaitStderr(SERVING).group(1);
      assertEquals(
          400,
          post(base + "/mcp", Map.of("Authorization", "Bearer exactly-16-chars")).statusCode());
    }
  }

  @Test
  void allowedHostsLetRemoteNamesThroughOnEveryAddress() throws Exception {
    Pattern everywhere =
        Pattern.compile("serving \\d+ tool\\(s\\) at http://0\\.0\\.0\\.0:(\\d+)/mcp");
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--http",
            "--listen",
            "0.0.0.0:0",
            "--no-samples",
            "--token",
            "tok-0123456789abcdef",
            "--allowed-host",
            "Corral.Example",
            "--allowed-host",
            "fe80::1")) {
      int port = Integer.parseInt(server.awaitStderr(everywhere).group(1));
      assertFalse(server.stderr().contains("--allowed-host NAME"), server.stderr());
      // through the Host check to the body check: an empty body is a bad request
      assertEquals(
          "HTTP/1.1 400 Bad Request",
          statusLineWithHost(port, "corral.example:" + port, "tok-0123456789abcdef"));
      assertEquals(
          "HTTP/1.1 400 Bad Request",
          statusLineWithHost(port, "[fe80::1]:" + port, "tok-0123456789abcdef"));
      assertEquals(
          "HTTP/1.1 400 Bad Request",
          statusLineWithHost(port, "localhost:" + port, "tok-0123456789abcdef"));
      assertEquals(
          "HTTP/1.1 403 Forbidden",
          statusLineWithHost(port, "evil.example:" + port, "tok-0123456789abcdef"));
    }
    try (McpProcess server =
        McpProcess.start(
            "serve",
            "--http",
            "--listen",
            "0.0.0.0:0",
            "--no-samples",
            "--token",
            "tok-0123456789abcdef")) {
      int port = Integer.parseInt(server.awaitStderr(everywhere).group(1));
      assertTrue(
          server
              .stderr()
              .contains(
                  "corral: listening on every address, but only requests naming this machine by a loopback"
                      + " name are accepted (Host header); name the hosts remote clients use with --allowed-host NAME\n"),
          server.stderr());
      assertEquals(
          "HTTP/1.1 403 Forbidden",
          statusLineWithHost(port, "corral.example:" + port, "tok-0123456789abcdef"));
    }
    for (String bad : List.of("bad/name", "corral.example:8443")) {
      try (McpProcess server = McpProcess.start("serve", "--http", "--allowed-host", bad)) {
        assertEquals(1, server.waitForExit());
        assertEquals(
            "corral: --allowed-host " + bad + ": expected a host name or address, without a port",
            server.stderr().strip());
      }
    }
  }

  @Test
  void httpOptionsWithoutHttpAreRefused() throws Exception {
    try (McpProcess server = McpProcess.start("serve", "--listen", "127.0.0.1:9001")) {
      assertEquals(1, server.waitForExit());
      assertEquals(
          "corral: --listen applies to --http only (serve speaks stdio without it)",
          server.stderr().strip());
      assertEquals(List.of(), server.stdoutSoFar());
    }
    try (McpProcess server =
        McpProcess.start(
            "serve", "--sse", "--token", "abc", "--no-auth", "--allowed-host", "a.example")) {
      assertEquals(1, server.waitForExit());
      assertEquals(
          "corral: --token, --no-auth, --sse, --allowed-host apply to --http only (serve speaks stdio without it)",
          server.stderr().strip());
    }
  }

  @Test
  void noAuthIsRefusedOffLoopback() throws Exception {
    try (McpProcess server =
        McpProcess.start("serve", "--http", "--listen", "0.0.0.0:0", "--no-auth")) {
      assertEquals(1, server.waitForExit());
      assertEquals(
          "corral: --no-auth is accepted only on a loopback address; 0.0.0.0:0 is not one",
          server.stderr().strip());
    }
  }

  /**
   * One legacy SSE session with many calls in flight, answers read off the raw stream: every answer
   * matches its own call, and every event arrives whole, its {@code event:} line directly followed
   * by its {@code data:} line. (The SDK writes those two lines in separate writes, so answers
   * finishing together could interleave them; an SSE client would still parse that, as every event
   * has the default type, so only the raw stream shows it. Corral sends one message at a time per
   * session.) Threads spinning in this JVM load the machine meanwhile.
   */
  @Test
  void parallelCallsOnOneSseSessionEachGetTheirOwnAnswerInWholeEvents() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("corral-sse");
    java.nio.file.Path compute = dir.resolve("compute.wasm");
    java.nio.file.Files.write(
        compute, dev.corral.samples.SampleTools.find("compute").orElseThrow().wasm());
    int calls = 800;
    try (CpuLoad load = new CpuLoad(4);
        McpProcess server =
            McpProcess.start(
                "serve",
                "--http",
                "--listen",
                "127.0.0.1:0",
                "--sse",
                "--no-auth",
                "--no-samples",
                "--component",
                compute.toString());
        SseSession sse = new SseSession(http, server.awaitStderr(SERVING).group(1))) {
      sse.initialize();
      java.util.List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
      try (java.util.concurrent.ExecutorService callers =
          java.util.concurrent.Executors.newFixedThreadPool(32)) {
        for (int i = 0; i < calls; i++) {
          int id = 100 + i;
          callers.submit(
              () -> {
                try {
                  int status =
                      sse.post(
                              "{\"jsonrpc\":\"2.0\",\"id\":"
                                  + id
                                  + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                                  + ComputeSample.SHA256_TOOL
                                  + "\",\"arguments\":{\"text\":\"sse "
                                  + id
                                  + "\"}}}")
                          .statusCode();
                  if (status != 200) {
                    failed.add(id + ": HTTP " + status);
                  }
                } catch (Exception e) {
                  failed.add(id + ": " + e);
                }
              });
        }
      }
      assertEquals(List.of(), failed.stream().limit(5).toList(), failed.size() + " failed POSTs");
      java.util.Map<Integer, String> answers = new java.util.HashMap<>();
      while (answers.size() < calls) {
        JsonNode message = sse.nextMessage();
        if (message.path("id").asInt() >= 100) {
          assertEquals(
              null,
              answers.put(
                  message.get("id").asInt(),
                  message.at("/result/structuredContent/result").asString()),
              "answered twice: " + message);
        }
      }
      for (int id = 100; id < 100 + calls; id++) {
        assertEquals(ComputeSample.sha256("sse " + id), answers.get(id), "answer to " + id);
      }
      List<String> lines = sse.linesSoFar();
      for (int i = 0; i + 2 < lines.size(); i += 3) {
        String event = lines.get(i);
        assertTrue(
            event.startsWith("event:")
                && lines.get(i + 1).startsWith("data:")
                && lines.get(i + 2).isEmpty(),
            "event " + i / 3 + " is not whole: " + lines.subList(i, Math.min(lines.size(), i + 6)));
      }
    }
  }

  private static void assertAddsThroughClient(McpClientTransport transport) {
    try (McpSyncClient client =
        McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
      client.initialize();
      List<String> names =
          client.listTools().tools().stream()
              .map(McpSchema.Tool::name)
              .filter(name -> !dev.corral.mcp.server.ManagementTools.NAMES.contains(name))
              .toList();
      assertEquals(List.of("docs_adder_add_add"), names);
      McpSchema.CallToolResult result =
          client.callTool(
              new McpSchema.CallToolRequest("docs_adder_add_add", Map.of("x", 2, "y", 40)));
      assertEquals(Map.of("result", 42), result.structuredContent());
    }
  }

  /** Sends a POST with a chosen Host header (java.net.http refuses to set one). */
  private static String statusLineWithHost(int port, String host, String token) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      String request =
          "POST /mcp HTTP/1.1\r\nHost: "
              + host
              + "\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
          .readLine();
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

  private HttpResponse<String> post(String url, Map<String, String> headers, String body)
      throws Exception {
    return http.send(request(url, headers, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String url, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return request.build();
  }
}
