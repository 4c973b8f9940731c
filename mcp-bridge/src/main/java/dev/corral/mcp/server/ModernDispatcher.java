package dev.corral.mcp.server;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers MCP 2026-07-28 requests, whatever carries them (Streamable HTTP or stdio): no session,
 * every request brings its protocol version and client capabilities in {@code _meta}. It serves
 * {@code server/discover}, {@code tools/list} (with its cache hints) and {@code tools/call} from
 * the same tool specifications and handlers as the SDK's 2025-era sessions, with a {@link
 * ModernSession} standing in for the SDK session; empty prompt and resource lists; and {@code
 * -32601} for everything else (the removed {@code initialize}, {@code ping}, ...).
 */
final class ModernDispatcher {
  private static final Logger log = LoggerFactory.getLogger(ModernDispatcher.class);

  /** How long the lists that never change (discover, prompts, resources) may be cached. */
  private static final long STATIC_TTL_MS = 3_600_000;

  private final JsonMapper json;
  private final McpJsonMapper mapper;
  private final Supplier<List<SyncToolSpecification>> tools;
  private final RunningCalls running;
  private final RequestStates states;
  private final long toolsTtlMs;

  /**
   * {@code tools}: the tools served now; {@code toolsTtlMs}: how long a client may cache {@code
   * tools/list} (0 when management tools can change the list at any time).
   */
  ModernDispatcher(
      JsonMapper json,
      McpJsonMapper mapper,
      Supplier<List<SyncToolSpecification>> tools,
      RunningCalls running,
      RequestStates states,
      long toolsTtlMs) {
    this.json = json;
    this.mapper = mapper;
    this.tools = tools;
    this.running = running;
    this.states = states;
    this.toolsTtlMs = toolsTtlMs;
  }

  /**
   * The response to {@code request}: a result or a JSON-RPC error. {@code callKey} names a tool
   * call for {@link RunningCalls#cancel}; notifications the call sends go to {@code notifications}.
   */
  ObjectNode answer(ObjectNode request, String callKey, Consumer<ObjectNode> notifications) {
    JsonNode id = request.get("id");
    try {
      ObjectNode result = dispatch(request, callKey, notifications);
      if (!result.has("resultType")) {
        result.put("resultType", "complete");
      }
      ObjectNode meta =
          result.has("_meta") ? (ObjectNode) result.get("_meta") : result.putObject("_meta");
      meta.putObject(ModernProtocol.META_SERVER_INFO)
          .put("name", "corral")
          .put("version", ServerVersion.current());
      ObjectNode response = json.createObjectNode().put("jsonrpc", "2.0");
      response.set("id", id);
      response.set("result", result);
      return response;
    } catch (ModernFailure failure) {
      return failure.reply(json, id);
    } catch (RuntimeException e) {
      log.error("{} failed", request.path("method").asString(""), e);
      return new ModernFailure(ModernProtocol.INTERNAL_ERROR, "Internal error: " + e, null)
          .reply(json, id);
    }
  }

  private ObjectNode dispatch(
      ObjectNode request, String callKey, Consumer<ObjectNode> notifications) {
    String method = request.path("method").asString("");
    ObjectNode params = request.get("params") instanceof ObjectNode p ? p : json.createObjectNode();
    Envelope envelope = envelope(params);
    return switch (method) {
      case "server/discover" -> discover();
      case "tools/list" ->
          cacheable(toolsTtlMs)
              .set(
                  "tools",
                  json.valueToTree(tools.get().stream().map(SyncToolSpecification::tool).toList()));
      case "tools/call" -> call(params, envelope, callKey, notifications);
      case "prompts/list" -> cacheable(STATIC_TTL_MS).set("prompts", json.createArrayNode());
      case "resources/list" -> cacheable(STATIC_TTL_MS).set("resources", json.createArrayNode());
      case "resources/templates/list" ->
          cacheable(STATIC_TTL_MS).set("resourceTemplates", json.createArrayNode());
      case "resources/read" ->
          throw new ModernFailure(
              ModernProtocol.INVALID_PARAMS,
              "Resource not found: "
                  + params.path("uri").asString("")
                  + " (this server has no resources)",
              Map.of("uri", params.path("uri").asString("")));
      case "prompts/get" ->
          throw ModernFailure.invalidParams(
              "Unknown prompt: "
                  + params.path("name").asString("")
                  + " (this server has no prompts)");
      default -> throw ModernFailure.methodNotFound(method);
    };
  }

  /** What every request carries in {@code _meta}. */
  private record Envelope(
      McpSchema.ClientCapabilities capabilities,
      McpSchema.Implementation clientInfo,
      Optional<LoggingLevel> logLevel) {}

  private Envelope envelope(ObjectNode params) {
    if (!(params.get("_meta") instanceof ObjectNode meta)) {
      throw ModernFailure.invalidParams(
          "params._meta is missing: an MCP "
              + ModernProtocol.VERSION
              + " request carries its protocol version and client capabilities there");
    }
    JsonNode version = meta.get(ModernProtocol.META_PROTOCOL_VERSION);
    if (version == null || !version.isString()) {
      throw ModernFailure.invalidParams(
          "params._meta[\""
              + ModernProtocol.META_PROTOCOL_VERSION
              + "\"] must be the protocol version (a string)");
    }
    if (!ModernProtocol.SUPPORTED.contains(version.asString())) {
      throw ModernFailure.unsupportedVersion(version.asString());
    }
    if (!(meta.get(ModernProtocol.META_CLIENT_CAPABILITIES) instanceof ObjectNode capabilities)) {
      throw ModernFailure.invalidParams(
          "params._meta[\""
              + ModernProtocol.META_CLIENT_CAPABILITIES
              + "\"] must be the client's capabilities (an object; {} for none)");
    }
    McpSchema.Implementation clientInfo =
        meta.get(ModernProtocol.META_CLIENT_INFO) instanceof ObjectNode info
            ? new McpSchema.Implementation(
                info.path("name").asString(""), info.path("version").asString(""))
            : new McpSchema.Implementation("unnamed client", "");
    Optional<LoggingLevel> level = Optional.empty();
    JsonNode levelName = meta.get(ModernProtocol.META_LOG_LEVEL);
    if (levelName != null) {
      try {
        level = Optional.of(LoggingLevel.valueOf(levelName.asString("").toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ModernFailure.invalidParams(
            "params._meta[\""
                + ModernProtocol.META_LOG_LEVEL
                + "\"] must be a log"
                + " level (debug, info, notice, warning, error, critical, alert, emergency), got "
                + levelName);
      }
    }
    try {
      return new Envelope(
          mapper.convertValue(capabilities, McpSchema.ClientCapabilities.class), clientInfo, level);
    } catch (RuntimeException e) {
      throw ModernFailure.invalidParams(
          "params._meta[\""
              + ModernProtocol.META_CLIENT_CAPABILITIES
              + "\"] is not valid client capabilities: "
              + e.getMessage());
    }
  }

  private ObjectNode discover() {
    ObjectNode result = cacheable(STATIC_TTL_MS);
    result.set("supportedVersions", json.valueToTree(ModernProtocol.SUPPORTED));
    ObjectNode capabilities = result.putObject("capabilities");
    capabilities.putObject("tools");
    capabilities.putObject("logging");
    capabilities.putObject("prompts");
    capabilities.putObject("resources");
    return result;
  }

  private ObjectNode cacheable(long ttlMs) {
    // private: what a client may see depends on its credentials (the bearer token)
    return json.createObjectNode().put("ttlMs", ttlMs).put("cacheScope", "private");
  }

  private ObjectNode call(
      ObjectNode params, Envelope envelope, String callKey, Consumer<ObjectNode> notifications) {
    if (!params.path("name").isString()) {
      throw ModernFailure.invalidParams("tools/call needs params.name, the tool's name (a string)");
    }
    String name = params.get("name").asString();
    SyncToolSpecification tool =
        tools.get().stream()
            .filter(t -> t.tool().name().equals(name))
            .findFirst()
            .orElseThrow(() -> ModernFailure.invalidParams("Unknown tool: " + name));
    JsonNode arguments =
        params.get("arguments") instanceof ObjectNode a ? a : json.createObjectNode();
    RequestStates.Binding binding = states.bind("tools/call", name, arguments);
    Optional<RequestStates.State> prior =
        params.path("requestState").isString()
            ? Optional.of(states.open(params.get("requestState").asString(), binding))
            : Optional.empty();
    Map<String, JsonNode> responses = new LinkedHashMap<>();
    if (params.get("inputResponses") instanceof ObjectNode given) {
      given.properties().forEach(e -> responses.put(e.getKey(), e.getValue()));
    }
    ModernSession session =
        new ModernSession(
            json, mapper, states, prior, responses, envelope.logLevel(), notifications);
    McpSyncServerExchange exchange =
        new McpSyncServerExchange(
            new McpAsyncServerExchange(
                null,
                session,
                envelope.capabilities(),
                envelope.clientInfo(),
                McpTransportContext.EMPTY));
    Map<String, Object> meta = new LinkedHashMap<>();
    if (params.get("_meta") instanceof ObjectNode clientMeta) {
      clientMeta
          .properties()
          .forEach(e -> meta.put(e.getKey(), json.treeToValue(e.getValue(), Object.class)));
    }
    meta.put(RunningCalls.REQUEST_ID_META, callKey);
    @SuppressWarnings("unchecked")
    Map<String, Object> args = json.treeToValue(arguments, Map.class);
    try {
      McpSchema.CallToolResult result =
          tool.callHandler().apply(exchange, new McpSchema.CallToolRequest(name, args, meta));
      return json.valueToTree(result);
    } catch (ModernSession.InputRequiredException e) {
      return session.inputRequired(binding);
    }
  }
}
