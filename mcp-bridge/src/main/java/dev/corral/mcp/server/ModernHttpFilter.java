package dev.corral.mcp.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Streamable HTTP binding of MCP 2026-07-28 on {@code /mcp}, in front of the SDK's 2025-era
 * transport: a POST whose {@code MCP-Protocol-Version} header or {@code _meta} names the stateless
 * revision is answered here (by {@link ModernDispatcher}), anything else goes on to the SDK. The
 * standard headers must repeat the body (HTTP 400 with -32020 otherwise): {@code
 * MCP-Protocol-Version} its {@code _meta} version, {@code Mcp-Method} its method and {@code
 * Mcp-Name} the tool, prompt or resource it names (trimmed; {@code =?base64?...?=} decoded).
 *
 * <p>A response is one JSON body, unless a tool call sends notifications (it asked for progress or
 * logs) or runs longer than {@link #HEARTBEAT}: then it becomes an SSE stream, kept alive with a
 * comment every {@link #HEARTBEAT}, and a client that closes it cancels the call (a stateless
 * client cancels by closing its request's stream).
 */
final class ModernHttpFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** How long a call may run before its response becomes a stream; also the keep-alive period. */
  static final Duration HEARTBEAT = Duration.ofSeconds(1);

  private final transient JsonMapper json;
  private final transient ModernDispatcher dispatcher;
  private final transient RunningCalls running;

  ModernHttpFilter(JsonMapper json, ModernDispatcher dispatcher, RunningCalls running) {
    this.json = json;
    this.dispatcher = dispatcher;
    this.running = running;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String headerVersion = request.getHeader(ModernProtocol.HEADER_PROTOCOL_VERSION);
    if (!"POST".equals(request.getMethod())
        || !(request.getAttribute(JsonRpcBodyFilter.MESSAGE) instanceof ObjectNode message)
        || !message.has("method")
        || !ModernProtocol.isModern(message, headerVersion)) {
      chain.doFilter(request, response);
      return;
    }
    if (!message.has("id")) {
      // a notification: a stateless client cancels by closing the request's stream, so there is
      // nothing to do with notifications/cancelled here
      response.setStatus(HttpServletResponse.SC_ACCEPTED);
      return;
    }
    try {
      checkHeaders(request, message, headerVersion);
    } catch (ModernFailure failure) {
      send(response, failure.httpStatus(), failure.reply(json, message.get("id")));
      return;
    }
    serve(request, response, message);
  }

  private static void checkHeaders(
      HttpServletRequest request, ObjectNode message, String headerVersion) {
    String method = message.get("method").asString();
    if (headerVersion == null) {
      throw ModernFailure.headerMismatch(
          "the "
              + ModernProtocol.HEADER_PROTOCOL_VERSION
              + " header is missing; it must"
              + " repeat params._meta[\""
              + ModernProtocol.META_PROTOCOL_VERSION
              + "\"]");
    }
    String version = headerVersion.strip();
    Optional<JsonNode> metaVersion = ModernProtocol.metaVersion(message);
    if (metaVersion.isPresent() && !version.equals(metaVersion.get().asString(""))) {
      throw ModernFailure.headerMismatch(
          "the "
              + ModernProtocol.HEADER_PROTOCOL_VERSION
              + " header '"
              + version
              + "' does not match params._meta[\""
              + ModernProtocol.META_PROTOCOL_VERSION
              + "\"] "
              + metaVersion.get());
    }
    if (!ModernProtocol.SUPPORTED.contains(version)) {
      throw ModernFailure.unsupportedVersion(version);
    }
    same(request, ModernProtocol.HEADER_METHOD, Optional.of(method));
    same(request, ModernProtocol.HEADER_NAME, ModernProtocol.nameOf(message));
  }

  /** Checks that header {@code name} repeats {@code body} (when the body has a value for it). */
  private static void same(HttpServletRequest request, String name, Optional<String> body) {
    if (body.isEmpty()) {
      return;
    }
    String header = request.getHeader(name);
    if (header == null) {
      throw ModernFailure.headerMismatch(
          "the " + name + " header is missing; it must repeat '" + body.get() + "' from the body");
    }
    String value = decoded(header.strip());
    if (!value.equals(body.get())) {
      throw ModernFailure.headerMismatch(
          "the "
              + name
              + " header '"
              + value
              + "' does not match '"
              + body.get()
              + "' in the body");
    }
  }

  /**
   * A header value, with the {@code =?base64?...?=} form (for values that are not ASCII) decoded.
   */
  private static String decoded(String value) {
    if (value.startsWith("=?base64?") && value.endsWith("?=")) {
      try {
        return new String(
            Base64.getDecoder().decode(value.substring(9, value.length() - 2)),
            StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ModernFailure.headerMismatch("the header value '" + value + "' is not valid base64");
      }
    }
    return value;
  }

  /** One message for the response: a notification, or the final answer. */
  private record Outgoing(ObjectNode message, boolean last) {}

  private void serve(HttpServletRequest request, HttpServletResponse response, ObjectNode message)
      throws IOException {
    String key = "http:" + UUID.randomUUID();
    BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .name("corral-mcp-call")
        .start(
            () ->
                queue.add(
                    new Outgoing(
                        dispatcher.answer(
                            message,
                            key,
                            notification -> queue.add(new Outgoing(notification, false))),
                        true)));
    String accept = request.getHeader("Accept");
    // only a tool call runs code worth streaming (and cancelling); everything else is quick
    boolean canStream =
        accept != null
            && accept.contains("text/event-stream")
            && "tools/call".equals(message.get("method").asString());
    ServletOutputStream out = null;
    try {
      while (true) {
        Outgoing next = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        if (next != null && next.last() && out == null) {
          send(response, statusOf(next.message()), next.message());
          return;
        }
        if (!canStream) {
          continue;
        }
        if (out == null) {
          response.setStatus(HttpServletResponse.SC_OK);
          response.setContentType("text/event-stream");
          response.setCharacterEncoding("UTF-8");
          response.setHeader("Cache-Control", "no-cache");
          out = response.getOutputStream();
        }
        out.write(
            next == null
                ? ": working\n\n".getBytes(StandardCharsets.UTF_8)
                : event(next.message()));
        out.flush();
        if (next != null && next.last()) {
          return;
        }
      }
    } catch (IOException e) {
      // the client closed the stream: that cancels the call
      running.cancel(key);
    } catch (InterruptedException e) {
      running.cancel(key);
      Thread.currentThread().interrupt();
    }
  }

  private byte[] event(ObjectNode message) {
    return ("event: message\ndata: " + json.writeValueAsString(message) + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static int statusOf(ObjectNode reply) {
    JsonNode code = reply.path("error").path("code");
    return code.isIntegralNumber()
        ? ModernFailure.httpStatus(code.asInt())
        : HttpServletResponse.SC_OK;
  }

  private void send(HttpServletResponse response, int status, ObjectNode body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }
}
