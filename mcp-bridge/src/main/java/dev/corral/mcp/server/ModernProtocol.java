package dev.corral.mcp.server;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The names of MCP 2026-07-28, the stateless revision that Corral serves itself (the 2025 era goes
 * to the MCP Java SDK): its version, the per-request {@code _meta} keys, the HTTP headers and the
 * error codes it adds. {@link #isModern} tells the two eras' requests apart.
 */
final class ModernProtocol {
  /** The stateless revision. */
  static final String VERSION = "2026-07-28";

  /** What {@code server/discover} and an unsupported-version error list. */
  static final List<String> SUPPORTED = List.of(VERSION);

  static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

  static final String HEADER_PROTOCOL_VERSION = "MCP-Protocol-Version";
  static final String HEADER_METHOD = "Mcp-Method";
  static final String HEADER_NAME = "Mcp-Name";

  /** JSON-RPC error codes. */
  static final int INVALID_PARAMS = -32602;

  static final int METHOD_NOT_FOUND = -32601;
  static final int INTERNAL_ERROR = -32603;
  static final int HEADER_MISMATCH = -32020;
  static final int MISSING_CLIENT_CAPABILITY = -32021;
  static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  private ModernProtocol() {}

  /**
   * Whether {@code message} belongs to the stateless era: its {@code _meta} names a protocol
   * version, or (over HTTP) its {@code MCP-Protocol-Version} header is {@value #VERSION}. A
   * 2025-era message has neither: its version was agreed by {@code initialize}.
   */
  static boolean isModern(ObjectNode message, String headerVersion) {
    return (headerVersion != null && VERSION.equals(headerVersion.strip()))
        || metaVersion(message).isPresent();
  }

  /** The {@code params._meta} protocol version of {@code message}, when it has one. */
  static Optional<JsonNode> metaVersion(ObjectNode message) {
    JsonNode version = message.path("params").path("_meta").get(META_PROTOCOL_VERSION);
    return Optional.ofNullable(version);
  }

  /**
   * The body value the {@code Mcp-Name} header must repeat, for the methods that have one: {@code
   * params.name} of {@code tools/call} and {@code prompts/get}, {@code params.uri} of {@code
   * resources/read}.
   */
  static Optional<String> nameOf(ObjectNode message) {
    String field =
        switch (message.path("method").asString("")) {
          case "tools/call", "prompts/get" -> "name";
          case "resources/read" -> "uri";
          default -> null;
        };
    if (field == null) {
      return Optional.empty();
    }
    JsonNode value = message.path("params").get(field);
    return value != null && value.isString() ? Optional.of(value.asString()) : Optional.empty();
  }
}
