package dev.corral.mcp.server;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one JSON-RPC 2.0 message as MCP allows it and checks its whole envelope, so that what is
 * passed on is something the SDK can take (it ends a stdio session on anything else). A message is
 * an object with {@code "jsonrpc": "2.0"}; a request has a string or integer {@code id} and a
 * string {@code method}, a notification a {@code method} and no {@code id}, a response an {@code
 * id} and either a non-null {@code result} or an {@code error} with an integer {@code code} and a
 * string {@code message}; {@code params}, when present, is an object. Batches (arrays) are refused:
 * MCP 2025-06-18 removed them.
 */
final class JsonRpcMessages {
  /** JSON-RPC's code for text that is not JSON. */
  static final int PARSE_ERROR = -32700;

  /** JSON-RPC's code for JSON that is not a valid message. */
  static final int INVALID_REQUEST = -32600;

  /** The JSON-RPC error code for a failure of the server's own. */
  static final int INTERNAL_ERROR = -32603;

  private JsonRpcMessages() {}

  /** What reading a message gave. */
  sealed interface Inbound permits Message, Rejected {}

  /** A valid message. */
  record Message(ObjectNode json) implements Inbound {
    /** The request id, for a request; null for a notification or a response. */
    JsonNode requestId() {
      return json.has("method") ? json.get("id") : null;
    }
  }

  /**
   * Not a valid message: the error to answer with. {@code id} is the message's id when it is a
   * valid one and the message is not a response (whose id is one of the server's own requests);
   * otherwise JSON null.
   */
  record Rejected(int code, String message, JsonNode id) implements Inbound {
    /** The JSON-RPC error response. */
    ObjectNode reply(JsonMapper json) {
      ObjectNode reply = json.createObjectNode();
      reply.put("jsonrpc", "2.0");
      reply.set("id", id);
      reply.putObject("error").put("code", code).put("message", message);
      return reply;
    }
  }

  /** Parses {@code bytes} (UTF-8) and checks the message. */
  static Inbound read(JsonMapper json, byte[] bytes) {
    JsonNode tree;
    try {
      tree = json.readTree(bytes);
    } catch (JacksonException e) {
      String reason =
          e.getOriginalMessage().startsWith("Trailing token")
              ? "more than one JSON value"
              : e.getOriginalMessage();
      return new Rejected(PARSE_ERROR, "Parse error: " + reason, NullNode.getInstance());
    }
    if (tree == null || tree.isMissingNode()) {
      return new Rejected(PARSE_ERROR, "Parse error: no JSON value", NullNode.getInstance());
    }
    return check(tree);
  }

  /** A rejection of a message longer than {@code limit} bytes. */
  static Rejected tooLong(long length, int limit) {
    return invalid(
        "the message is " + length + " bytes long, more than the limit of " + limit + " bytes");
  }

  /** A rejection of a message of more than {@code limit} bytes, whose length is not known. */
  static Rejected tooLarge(int limit) {
    return invalid("the message is longer than the limit of " + limit + " bytes");
  }

  /** Checks that {@code tree} is one JSON-RPC message. */
  static Inbound check(JsonNode tree) {
    if (tree.isArray()) {
      return invalid(
          "batches (JSON arrays) are not supported since MCP 2025-06-18; send one message at a time");
    }
    if (!(tree instanceof ObjectNode message)) {
      return invalid("a JSON-RPC message must be an object");
    }
    JsonNode id = message.get("id");
    boolean response = !message.has("method") && (message.has("result") || message.has("error"));
    JsonNode replyId = id != null && validId(id) && !response ? id : NullNode.getInstance();
    if (!"2.0".equals(textOf(message.get("jsonrpc")))) {
      return invalid("\"jsonrpc\" must be \"2.0\"", replyId);
    }
    if (id != null && !validId(id)) {
      return invalid("\"id\" must be a string or an integer, got " + describe(id), replyId);
    }
    if (message.has("method")) {
      if (textOf(message.get("method")) == null) {
        return invalid(
            "\"method\" must be a string, got " + describe(message.get("method")), replyId);
      }
      if (message.has("params") && !message.get("params").isObject()) {
        return invalid(
            "\"params\" must be an object, got " + describe(message.get("params")), replyId);
      }
      return new Message(message);
    }
    if (!response) {
      return invalid(
          "a message needs a \"method\" (a request or notification) or a \"result\" or \"error\" (a response)",
          replyId);
    }
    if (id == null) {
      return invalid("a response needs the \"id\" of the request it answers");
    }
    if (message.has("result") && message.has("error")) {
      return invalid("a response has either \"result\" or \"error\", not both");
    }
    if (message.has("result") && message.get("result").isNull()) {
      return invalid("\"result\" must not be null");
    }
    if (message.has("error") && !validError(message.get("error"))) {
      return invalid(
          "\"error\" must be an object with an integer \"code\" and a string \"message\"");
    }
    return new Message(message);
  }

  private static Rejected invalid(String reason) {
    return invalid(reason, NullNode.getInstance());
  }

  private static Rejected invalid(String reason, JsonNode id) {
    return new Rejected(INVALID_REQUEST, "Invalid Request: " + reason, id);
  }

  /** MCP's ids: a string, or an integer the SDK holds as a {@code long}. */
  private static boolean validId(JsonNode id) {
    return id.isString() || (id.isIntegralNumber() && id.canConvertToLong());
  }

  private static boolean validError(JsonNode error) {
    JsonNode code = error.path("code");
    return error.isObject()
        && code.isIntegralNumber()
        && code.canConvertToInt()
        && error.path("message").isString();
  }

  private static String textOf(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    String text = node.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
