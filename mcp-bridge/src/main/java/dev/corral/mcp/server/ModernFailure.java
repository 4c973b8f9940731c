package dev.corral.mcp.server;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A 2026-07-28 request refused with a JSON-RPC error: its code, message and data, and the HTTP
 * status the Streamable HTTP binding answers it with (404 for an unknown method, 400 for a request
 * the client got wrong, 500 for a failure of the server's own).
 */
final class ModernFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final transient Object data;

  ModernFailure(int code, String message, Object data) {
    super(message, null, false, false);
    this.code = code;
    this.data = data;
  }

  static ModernFailure invalidParams(String message) {
    return new ModernFailure(ModernProtocol.INVALID_PARAMS, message, null);
  }

  static ModernFailure methodNotFound(String method) {
    return new ModernFailure(
        ModernProtocol.METHOD_NOT_FOUND,
        "Method not found: "
            + method
            + (method.equals("initialize")
                ? " (MCP "
                    + ModernProtocol.VERSION
                    + " has no initialize: every request"
                    + " carries its version and capabilities in _meta)"
                : ""),
        null);
  }

  static ModernFailure headerMismatch(String message) {
    return new ModernFailure(ModernProtocol.HEADER_MISMATCH, message, null);
  }

  static ModernFailure unsupportedVersion(String requested) {
    return new ModernFailure(
        ModernProtocol.UNSUPPORTED_PROTOCOL_VERSION,
        "Unsupported protocol version '"
            + requested
            + "'; this server speaks "
            + ModernProtocol.SUPPORTED
            + " statelessly, and the 2025 revisions after initialize",
        Map.of("supported", ModernProtocol.SUPPORTED, "requested", requested));
  }

  int code() {
    return code;
  }

  /** The HTTP status of this error's response. */
  int httpStatus() {
    return httpStatus(code);
  }

  /** The HTTP status of a response carrying the JSON-RPC error {@code code}. */
  static int httpStatus(int code) {
    return switch (code) {
      case ModernProtocol.METHOD_NOT_FOUND -> 404;
      case ModernProtocol.INTERNAL_ERROR -> 500;
      default -> 400;
    };
  }

  /** The JSON-RPC error response to the request {@code id}. */
  ObjectNode reply(JsonMapper json, JsonNode id) {
    ObjectNode reply = json.createObjectNode();
    reply.put("jsonrpc", "2.0");
    reply.set("id", id);
    ObjectNode error = reply.putObject("error").put("code", code).put("message", getMessage());
    if (data != null) {
      error.set("data", json.valueToTree(data));
    }
    return reply;
  }
}
