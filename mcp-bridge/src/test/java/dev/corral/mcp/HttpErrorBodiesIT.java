package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every error path of the HTTP endpoints ({@code /mcp}, {@code /sse}, {@code /message}, {@code
 * /health}, unknown paths) against the real server: wrong methods, bad or missing auth, bad Host
 * and Origin, bodies too large, not JSON or not JSON-RPC, missing and unknown sessions, wrong media
 * types, malformed HTTP. Each answer's body is exactly the expected JSON-RPC error object, or
 * empty; never a stack trace, a serialized exception or an HTML page. Requests are written on raw
 * sockets, so that nothing is normalized on the way.
 */
class HttpErrorBodiesIT {
  private static final Pattern SERVING =
      Pattern.compile("serving \\d+ tool\\(s\\) at http://127\\.0\\.0\\.1:(\\d+)/mcp");
  private static final String TOKEN = "error-bodies-token-0123456789";
  private static final String TOOLS_LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}";
  private static final String BOTH = "application/json, text/event-stream";

  private static McpProcess server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    server =
        McpProcess.start(
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--sse",
            "--no-samples",
            "--token",
            TOKEN);
    port = Integer.parseInt(server.awaitStderr(SERVING).group(1));
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  /** An HTTP answer: status, headers (lower-case names) and body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  /**
   * Sends {@code head} (request line and headers, without the final blank line) and {@code body};
   * reads the whole answer.
   */
  private static Answer send(String head, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      String withLength =
          head
              + (body.length > 0 || head.startsWith("POST")
                  ? "\r\nContent-Length: " + body.length
                  : "");
      socket
          .getOutputStream()
          .write(
              (withLength + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  private static Answer parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    byte[] body =
        "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOfCrlf(chunked, at);
      int size =
          Integer.parseInt(
              new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1)
                  .split(";")[0].strip(),
              16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    throw new AssertionError("no CRLF after " + from);
  }

  private static String head(String method, String path, String... headers) {
    List<String> lines =
        new ArrayList<>(List.of(method + " " + path + " HTTP/1.1", "Host: 127.0.0.1:" + port));
    lines.addAll(List.of(headers));
    return String.join("\r\n", lines);
  }

  private static String auth() {
    return "Authorization: Bearer " + TOKEN;
  }

  private static String error(Object id, int code, String message) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + (id instanceof String s ? "\"" + s + "\"" : String.valueOf(id))
        + ",\"error\":{\"code\":"
        + code
        + ",\"message\":"
        + McpProcess.JSON.writeValueAsString(message)
        + "}}";
  }

  /**
   * Checks {@code answer}: {@code status}, and a body that is exactly {@code body} (a JSON-RPC
   * error object, or empty).
   */
  private static void assertAnswer(String what, int status, String body, Answer answer) {
    assertEquals(status, answer.status(), what + ": " + answer);
    assertEquals(body, answer.body(), what + ": " + answer);
    assertTrue(
        !answer.body().contains("stackTrace")
            && !answer.body().contains("Exception")
            && !answer.body().contains("<html"),
        what + ": " + answer);
    if (!body.isEmpty()) {
      JsonNode tree = McpProcess.JSON.readTree(answer.body());
      assertEquals(List.of("jsonrpc", "id", "error"), names(tree), what);
      assertEquals(List.of("code", "message"), names(tree.get("error")), what);
      assertTrue(
          answer.headers().get("content-type").startsWith("application/json"),
          what + ": " + answer.headers());
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void authenticationHostAndOriginErrors() throws Exception {
    for (String path : List.of("/mcp", "/sse", "/message")) {
      assertAnswer(
          path + " without a token",
          401,
          error(null, -32600, "missing bearer token (send Authorization: Bearer <token>)"),
          send(head("POST", path, "Content-Type: application/json"), bytes(TOOLS_LIST)));
      assertAnswer(
          path + " with a wrong token",
          401,
          error(null, -32600, "wrong bearer token"),
          send(head("GET", path, "Authorization: Bearer not-the-token-at-all"), new byte[0]));
      assertAnswer(
          path + " for another host",
          403,
          error(
              null,
              -32600,
              "Host header 'evil.example:"
                  + port
                  + "' not allowed; expected one of [localhost:"
                  + port
                  + ", 127.0.0.1:"
                  + port
                  + ", [::1]:"
                  + port
                  + "]"),
          send(
              head("POST", path, auth())
                  .replace("Host: 127.0.0.1:" + port, "Host: evil.example:" + port),
              bytes(TOOLS_LIST)));
      assertAnswer(
          path + " from a foreign origin",
          403,
          error(null, -32600, "Origin 'http://evil.example' not allowed"),
          send(head("POST", path, auth(), "Origin: http://evil.example"), bytes(TOOLS_LIST)));
    }
  }

  @Test
  void bodyErrors() throws Exception {
    for (String path : List.of("/mcp", "/message")) {
      String json = "Content-Type: application/json";
      assertAnswer(
          path + " not JSON",
          400,
          error(null, -32700, "Parse error: no JSON value"),
          send(head("POST", path, auth(), json), new byte[0]));
      assertAnswer(
          path + " broken JSON",
          400,
          error(
              null,
              -32700,
              "Parse error: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED"
                  + " (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset: #UNKNOWN])"),
          send(head("POST", path, auth(), json), bytes("{\"jsonrpc\":\"2.0\"")));
      assertAnswer(
          path + " not JSON-RPC",
          400,
          error(3, -32600, "Invalid Request: \"jsonrpc\" must be \"2.0\""),
          send(
              head("POST", path, auth(), json),
              bytes("{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}")));
      assertAnswer(
          path + " a batch",
          400,
          error(
              null,
              -32600,
              "Invalid Request: batches (JSON arrays) are not supported since MCP 2025-06-18; send one message at a time"),
          send(head("POST", path, auth(), json), bytes("[" + TOOLS_LIST + "]")));
      assertAnswer(
          path + " too large",
          413,
          error(
              null,
              -32600,
              "Invalid Request: the message is longer than the limit of 4194304 bytes"),
          send(head("POST", path, auth(), json), new byte[(4 << 20) + 1]));
    }
  }

  @Test
  void streamableHttpSessionAndMediaTypeErrors() throws Exception {
    String json = "Content-Type: application/json";
    assertAnswer(
        "POST without a session",
        400,
        error(7, -32601, "Session ID required in mcp-session-id header"),
        send(head("POST", "/mcp", auth(), json, "Accept: " + BOTH), bytes(TOOLS_LIST)));
    assertAnswer(
        "POST in an unknown session",
        404,
        error(7, -32603, "Session not found: nope"),
        send(
            head("POST", "/mcp", auth(), json, "Accept: " + BOTH, "Mcp-Session-Id: nope"),
            bytes(TOOLS_LIST)));
    assertAnswer(
        "POST accepting only JSON",
        400,
        error(
            7,
            -32601,
            "text/event-stream required in Accept header; Session ID required in mcp-session-id header"),
        send(head("POST", "/mcp", auth(), json, "Accept: application/json"), bytes(TOOLS_LIST)));
    assertAnswer(
        "POST as text/plain",
        415,
        error(7, -32600, "Unsupported Media Type: Content-Type must be application/json"),
        send(
            head("POST", "/mcp", auth(), "Content-Type: text/plain", "Accept: " + BOTH),
            bytes(TOOLS_LIST)));
    assertAnswer(
        "GET without a session",
        400,
        error(null, -32601, "Session ID required in mcp-session-id header"),
        send(head("GET", "/mcp", auth(), "Accept: text/event-stream"), new byte[0]));
    assertAnswer(
        "GET in an unknown session",
        404,
        error(null, -32600, "404 Not Found"),
        send(
            head("GET", "/mcp", auth(), "Accept: text/event-stream", "Mcp-Session-Id: nope"),
            new byte[0]));
    assertAnswer(
        "DELETE without a session",
        400,
        error(null, -32601, "Session ID required in mcp-session-id header"),
        send(head("DELETE", "/mcp", auth()), new byte[0]));
    assertAnswer(
        "DELETE of an unknown session",
        404,
        "",
        send(head("DELETE", "/mcp", auth(), "Mcp-Session-Id: nope"), new byte[0]));
    assertAnswer("PUT", 405, "", send(head("PUT", "/mcp", auth(), json), bytes(TOOLS_LIST)));
  }

  @Test
  void legacySseErrors() throws Exception {
    String json = "Content-Type: application/json";
    assertAnswer(
        "POST /message without a session",
        400,
        error(7, -32601, "Session ID missing in message endpoint"),
        send(head("POST", "/message", auth(), json), bytes(TOOLS_LIST)));
    assertAnswer(
        "POST /message in an unknown session",
        404,
        error(7, -32603, "Session not found: nope"),
        send(head("POST", "/message?sessionId=nope", auth(), json), bytes(TOOLS_LIST)));
    assertAnswer(
        "GET /message",
        404,
        error(null, -32600, "404 Not Found"),
        send(head("GET", "/message", auth()), new byte[0]));
    assertAnswer(
        "POST /sse",
        404,
        error(null, -32600, "404 Not Found"),
        send(head("POST", "/sse", auth(), json), bytes(TOOLS_LIST)));
  }

  @Test
  void healthUnknownPathsAndMalformedRequests() throws Exception {
    assertEquals(
        new Answer(200, Map.of(), "{\"status\":\"ok\"}").body(),
        send(head("GET", "/health"), new byte[0]).body());
    assertAnswer(
        "POST /health",
        405,
        error(
            null, -32600, "405 Method Not Allowed: HTTP method POST is not supported by this URL"),
        send(head("POST", "/health"), bytes("{}")));
    assertAnswer(
        "GET /nothing",
        404,
        error(null, -32600, "404 Not Found"),
        send(head("GET", "/nothing"), new byte[0]));
    assertAnswer(
        "POST /nothing",
        405,
        error(
            null, -32600, "405 Method Not Allowed: HTTP method POST is not supported by this URL"),
        send(head("POST", "/nothing"), bytes("{}")));
    assertAnswer("a malformed path", 400, "", send(head("GET", "/%%"), new byte[0]));
    assertAnswer(
        "headers too large",
        431,
        "",
        send(head("GET", "/health", "X-Big: " + "a".repeat(20_000)), new byte[0]));
    assertAnswer("no Host header", 400, "", send("GET /health HTTP/1.1", new byte[0]));
  }
}
