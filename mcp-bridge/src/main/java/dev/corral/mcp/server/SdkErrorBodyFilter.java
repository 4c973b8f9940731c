package dev.corral.mcp.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Rewrites the error answers of the MCP SDK's servlets (a missing or unknown session, a wrong
 * {@code Accept} or {@code Content-Type}, ...), which the SDK writes as a serialized Java exception
 * with its stack trace, into a JSON-RPC error object with the SDK's code and message ({@link
 * HttpErrors}). Answers below 400, such as event streams, pass through untouched.
 */
final class SdkErrorBodyFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ErrorCapture capture = new ErrorCapture(request, response);
    chain.doFilter(request, capture);
    if (!request.isAsyncStarted()) {
      capture.finish();
    }
  }

  /** A response whose body, once its status is an error, is kept back and rewritten. */
  private static final class ErrorCapture extends HttpServletResponseWrapper {
    private final HttpServletRequest request;
    private ByteArrayOutputStream captured;
    private ServletOutputStream stream;
    private PrintWriter writer;
    private boolean finished;

    ErrorCapture(HttpServletRequest request, HttpServletResponse response) {
      super(response);
      this.request = request;
    }

    private boolean capturing() {
      return getStatus() >= 400;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (!capturing()) {
        return super.getOutputStream();
      }
      if (stream == null) {
        captured = new ByteArrayOutputStream();
        stream =
            new ServletOutputStream() {
              @Override
              public void write(int b) {
                captured.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
              }

              @Override
              public void close() throws IOException {
                finish();
              }

              @Override
              public boolean isReady() {
                return true;
              }

              @Override
              public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("synchronous error body");
              }
            };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (!capturing()) {
        return super.getWriter();
      }
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void setContentLength(int length) {
      if (!capturing()) {
        super.setContentLength(length);
      }
    }

    @Override
    public void setContentLengthLong(long length) {
      if (!capturing()) {
        super.setContentLengthLong(length);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (!capturing()) {
        super.flushBuffer();
      }
    }

    /** Writes the JSON-RPC error for what was kept back (once). */
    void finish() throws IOException {
      if (finished || captured == null) {
        return;
      }
      finished = true;
      if (writer != null) {
        writer.flush();
      }
      int status = getStatus();
      JsonRpcMessages.Rejected error =
          HttpErrors.reread(captured.toByteArray(), status, HttpStatus.getMessage(status));
      HttpServletResponse response = (HttpServletResponse) getResponse();
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      byte[] body = HttpErrors.body(HttpErrors.idOf(request), error.code(), error.message());
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }
}
