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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cancellation over HTTP: a {@code tools/call} POSTed to an MCP endpoint gets its session and
 * request id in {@code _meta} (for {@link RunningCalls}), and a {@code notifications/cancelled}
 * stops the call it names in the same session. Bodies that are not JSON pass through untouched.
 */
final class CancellationFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY = 4 << 20;

  private final transient JsonMapper json;
  private final transient RunningCalls running;

  CancellationFilter(JsonMapper json, RunningCalls running) {
    this.json = json;
    this.running = running;
  }

  /** The key of a request in a session: HTTP request ids are only unique per session. */
  static String key(String session, JsonNode id) {
    return (session == null ? "" : session) + "#" + id;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!"POST".equals(request.getMethod()) || request.getContentLengthLong() > MAX_BODY) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    String session = request.getHeader("Mcp-Session-Id") != null
        ? request.getHeader("Mcp-Session-Id") : request.getParameter("sessionId");
    chain.doFilter(new Body(request, rewrite(body, session)), response);
  }

  private byte[] rewrite(byte[] body, String session) {
    JsonNode message;
    try {
      message = json.readTree(body);
    } catch (JacksonException e) {
      return body;
    }
    if (!(message instanceof ObjectNode object)) {
      return body;
    }
    String method = object.path("method").asString("");
    if (method.equals("tools/call") && object.has("id") && object.path("params") instanceof ObjectNode params) {
      ObjectNode meta = params.get("_meta") instanceof ObjectNode existing ? existing : params.putObject("_meta");
      meta.put(RunningCalls.REQUEST_ID_META, key(session, object.get("id")));
      return json.writeValueAsBytes(object);
    }
    if (method.equals("notifications/cancelled") && object.path("params").has("requestId")) {
      running.cancel(key(session, object.path("params").get("requestId")));
    }
    return body;
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
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8),
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
