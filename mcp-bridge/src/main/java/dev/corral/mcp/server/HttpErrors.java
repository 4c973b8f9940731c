package dev.corral.mcp.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The body of every HTTP error Corral answers: a JSON-RPC error object ({@code {"jsonrpc":"2.0",
 * "id":...,"error":{"code":...,"message":...}}}), never a stack trace or an HTML page. Used by
 * Corral's filters, by {@link JsonRpcErrorHandler} (Jetty's own errors: unknown paths, wrong
 * methods, malformed HTTP) and by {@link SdkErrorBodyFilter} (the MCP SDK's error answers).
 */
final class HttpErrors {
  /**
   * The request attribute holding the JSON-RPC id of the message a POST carried, for the error's
   * {@code id}.
   */
  static final String REQUEST_ID = HttpErrors.class.getName() + ".requestId";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HttpErrors() {}

  /** Answers {@code status} with a JSON-RPC error saying {@code message}. */
  static void send(
      HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(body(idOf(request), codeFor(status), message));
  }

  /** The JSON-RPC error object for {@code id} (null when unknown). */
  static byte[] body(JsonNode id, int code, String message) {
    return JSON.writeValueAsBytes(
        new JsonRpcMessages.Rejected(code, message, id == null ? NullNode.getInstance() : id)
            .reply(JSON));
  }

  /**
   * The JSON-RPC error code for an HTTP status without one: -32600 (invalid request) for a client's
   * mistake, -32603 (internal error) for the server's.
   */
  static int codeFor(int status) {
    return status >= 500 ? JsonRpcMessages.INTERNAL_ERROR : JsonRpcMessages.INVALID_REQUEST;
  }

  /** The id of the JSON-RPC request the POST carried, if it was read. */
  static JsonNode idOf(HttpServletRequest request) {
    return request.getAttribute(REQUEST_ID) instanceof JsonNode id ? id : null;
  }

  /**
   * The code and message of an error body written by someone else (the SDK writes its {@code
   * McpError} with {@code jsonRpcError: {code, message}}); {@code fallback} and the code for {@code
   * status} when it has none.
   */
  static JsonRpcMessages.Rejected reread(byte[] written, int status, String fallback) {
    try {
      JsonNode tree = JSON.readTree(written);
      JsonNode error = tree.has("jsonRpcError") ? tree.get("jsonRpcError") : tree.path("error");
      if (error.path("code").isInt() && error.path("message").isString()) {
        return new JsonRpcMessages.Rejected(
            error.get("code").asInt(), error.get("message").asString(), NullNode.getInstance());
      }
    } catch (JacksonException e) {
      // not JSON: say only what the status says
    }
    return new JsonRpcMessages.Rejected(codeFor(status), fallback, NullNode.getInstance());
  }
}
