package dev.corral.mcp.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of every POST to an MCP endpoint, before the SDK sees it: at most {@value #MAX_BODY}
 * bytes (413 above), one valid JSON-RPC message (400 with the JSON-RPC error otherwise, see {@link
 * JsonRpcMessages}); a {@code tools/call} gets its session and request id in {@code _meta} (for
 * {@link RunningCalls}; whatever the client put under that key is replaced), and a {@code
 * notifications/cancelled} stops the call it names in the same session.
 */
final class JsonRpcBodyFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** The largest body accepted, in bytes. */
  static final int MAX_BODY = 4 << 20;

  /** How much of a too-large body is read before the 413, so the client gets to see it. */
  static final long MAX_DRAINED = 64L << 20;

  /**
   * The request attribute holding the message read (an {@code ObjectNode}), for the filters after
   * this one.
   */
  static final String MESSAGE = JsonRpcBodyFilter.class.getName() + ".message";

  private final transient JsonMapper json;
  private final transient RunningCalls running;

  JsonRpcBodyFilter(JsonMapper json, RunningCalls running) {
    this.json = json;
    this.running = running;
  }

  /** The key of a request in a session: HTTP request ids are only unique per session. */
  static String key(String session, JsonNode id) {
    return (session == null ? "" : session) + "#" + id;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!"POST".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body =
        request.getContentLengthLong() > MAX_BODY
            ? null
            : request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body == null || body.length > MAX_BODY) {
      // Read (and drop) the rest first, up to a bound: a server that answers while the client is
      // still sending resets the connection, and the client then never sees the answer.
      if (request.getContentLengthLong() <= MAX_DRAINED) {
        drain(request.getInputStream());
      }
      response.setHeader("Connection", "close");
      reply(
          response,
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          JsonRpcMessages.tooLarge(MAX_BODY));
      return;
    }
    switch (JsonRpcMessages.read(json, body)) {
      case JsonRpcMessages.Rejected rejected ->
          reply(response, HttpServletResponse.SC_BAD_REQUEST, rejected);
      case JsonRpcMessages.Message message -> {
        if (message.requestId() != null) {
          request.setAttribute(HttpErrors.REQUEST_ID, message.requestId());
        }
        String session =
            request.getHeader("Mcp-Session-Id") != null
                ? request.getHeader("Mcp-Session-Id")
                : request.getParameter("sessionId");
        boolean changed = CallMeta.tag(message.json(), id -> key(session, id));
        CallMeta.cancelledRequest(message.json()).ifPresent(id -> running.cancel(key(session, id)));
        request.setAttribute(MESSAGE, message.json());
        chain.doFilter(
            new Body(request, changed ? json.writeValueAsBytes(message.json()) : body), response);
      }
    }
  }

  /**
   * Reads and drops what is left of a body that is too large, at most {@value #MAX_DRAINED} bytes.
   */
  private static void drain(ServletInputStream in) throws IOException {
    byte[] buffer = new byte[64 << 10];
    long left = MAX_DRAINED;
    for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
      left -= n;
    }
  }

  private void reply(HttpServletResponse response, int status, JsonRpcMessages.Rejected rejected)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(json.writeValueAsBytes(rejected.reply(json)));
  }

  /** The request with its body replaced. */
  private static final class Body extends HttpServletRequestWrapper {
    private final byte[] body;

    Body(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public BufferedReader getReader() {
      // a buffer the size of the body: the default 8 K chars per request would be held as long as
      // anything holds the request
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8),
          Math.max(64, body.length));
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous body");
        }
      };
    }
  }
}
