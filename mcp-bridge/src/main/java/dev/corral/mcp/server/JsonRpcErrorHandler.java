package dev.corral.mcp.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.ee11.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (an unknown path, a method an endpoint does not take, a malformed
 * request, a failure inside the server) as JSON-RPC error objects ({@link HttpErrors}), never an
 * HTML page, an exception's message or a stack trace.
 */
final class JsonRpcErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    byte[] body = HttpErrors.body(null, HttpErrors.codeFor(code), describe(code, message));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(
        HttpErrors.body(null, HttpErrors.codeFor(status), describe(status, null)));
  }

  /**
   * What went wrong, as the status says it, or as Jetty put it for a client's mistake (such as
   * "HTTP method POST is not supported by this URL"); the server's own failures say no more.
   */
  private static String describe(int code, String message) {
    String status = code + " " + HttpStatus.getMessage(code);
    return code < 500
            && message != null
            && !message.isBlank()
            && !message.equals(HttpStatus.getMessage(code))
        ? status + ": " + message
        : status;
  }
}
