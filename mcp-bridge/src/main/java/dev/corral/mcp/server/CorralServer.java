package dev.corral.mcp.server;

import dev.corral.mcp.component.UnservedComponent;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** Builds Corral's MCP server over a transport, serving the tools of the loaded components. */
public final class CorralServer {
  private static final Logger log = LoggerFactory.getLogger(CorralServer.class);

  /** The Streamable HTTP endpoint. */
  public static final String MCP_PATH = "/mcp";

  /** The legacy HTTP+SSE endpoints. */
  public static final String SSE_PATH = "/sse";

  public static final String MESSAGE_PATH = "/message";

  /** How long requests read before stdin closed may take to be answered. */
  private static final Duration STDIN_DRAIN_LIMIT = Duration.ofMinutes(2);

  /**
   * How long the server waits for the answer to a request of its own, above all an elicitation: the
   * user has to read the question and decide (the SDK's default is 10 s).
   */
  public static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private final JsonMapper json;
  private final JacksonMcpJsonMapper mapper;
  private final ToolRegistry tools;
  private final ComponentRegistry components;
  private final List<SyncToolSpecification> builtins;
  private final List<ServedTools> served = new CopyOnWriteArrayList<>();
  private final RunningCalls running;
  private final ModernDispatcher modern;
  private final ToolMetrics metrics;
  private volatile List<SyncToolSpecification> current;

  /**
   * The transports whose clients hear {@link #notice}s (stdio's once its client has initialized).
   */
  private final List<McpServerTransportProviderBase> noticed = new CopyOnWriteArrayList<>();

  /** The HTTP sessions told of the components not served (see {@link #greet}). */
  private final java.util.Set<String> greeted = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * A server for {@code components} (its tools follow every change, announced with {@code
   * notifications/tools/list_changed}) and the built-in tools {@code builtins}; MCP 2026-07-28
   * request states sealed with a key of this process only, and {@code tools/list} not cached.
   */
  public CorralServer(
      JsonMapper json,
      ToolRegistry tools,
      ComponentRegistry components,
      List<SyncToolSpecification> builtins,
      RunningCalls running) {
    this(
        json,
        tools,
        components,
        builtins,
        running,
        RequestStates.ephemeral(),
        0,
        new ToolMetrics());
  }

  /**
   * As above, with 2026-07-28 request states sealed by {@code states} (replicas sharing its key
   * finish each other's requests), {@code tools/list} cacheable for {@code toolsTtlMs}, and every
   * tool call counted and timed in {@code metrics}.
   */
  public CorralServer(
      JsonMapper json,
      ToolRegistry tools,
      ComponentRegistry components,
      List<SyncToolSpecification> builtins,
      RunningCalls running,
      RequestStates states,
      long toolsTtlMs,
      ToolMetrics metrics) {
    this.running = running;
    this.json = json;
    this.mapper = new JacksonMcpJsonMapper(json);
    this.tools = tools;
    this.components = components;
    this.metrics = metrics;
    this.builtins = metrics.measured(builtins);
    this.current = all(componentTools(components.all()));
    this.modern = new ModernDispatcher(json, mapper, () -> current, running, states, toolsTtlMs);
    components.onChange(
        now -> {
          List<SyncToolSpecification> next = componentTools(now);
          current = all(next);
          served.forEach(s -> s.update(next));
        });
  }

  private List<SyncToolSpecification> componentTools(
      List<dev.corral.mcp.component.LoadedComponent> loaded) {
    return metrics.measured(tools.specifications(loaded));
  }

  /** The metrics of this server's tool calls. */
  ToolMetrics metrics() {
    return metrics;
  }

  private List<SyncToolSpecification> all(List<SyncToolSpecification> componentTools) {
    List<SyncToolSpecification> all = new ArrayList<>(builtins);
    all.addAll(componentTools);
    return List.copyOf(all);
  }

  /** Answers MCP 2026-07-28 requests (stateless) with the same tools as the SDK's sessions. */
  ModernDispatcher modern() {
    return modern;
  }

  /**
   * Serves MCP over stdio until {@code in} is closed. {@code out} receives JSON-RPC lines and
   * nothing else.
   */
  public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
    JsonRpcLineGuard guard =
        new JsonRpcLineGuard(in, out, json, STDIN_DRAIN_LIMIT, running, modern);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(mapper, guard.sdkInput(), guard.sdkOutput());
    SerializedTransport serialized = new SerializedTransport(transport);
    McpSyncServer server = configure(McpServer.sync(serialized));
    guard.onInitialized(
        () -> {
          if (!noticed.contains(serialized)) {
            noticed.add(serialized);
            components.unserved().forEach(c -> send(serialized, LoggingLevel.ERROR, c.report()));
          }
        });
    guard.start();
    guard.awaitEndOfInput();
    server.closeGracefully();
  }

  JsonMapper json() {
    return json;
  }

  RunningCalls running() {
    return running;
  }

  /** A Streamable HTTP transport at {@link #MCP_PATH}, to be mounted as a servlet. */
  public HttpServletStreamableServerTransportProvider streamableTransport() {
    return HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(mapper)
        .mcpEndpoint(MCP_PATH)
        .build();
  }

  /** A legacy HTTP+SSE transport at {@link #SSE_PATH} and {@link #MESSAGE_PATH}. */
  public HttpServletSseServerTransportProvider sseTransport() {
    return HttpServletSseServerTransportProvider.builder()
        .jsonMapper(mapper)
        .sseEndpoint(SSE_PATH)
        .messageEndpoint(MESSAGE_PATH)
        .build();
  }

  /** The MCP server for a Streamable HTTP transport. */
  public McpSyncServer start(HttpServletStreamableServerTransportProvider transport) {
    noticed.add(transport);
    return configure(McpServer.sync(transport));
  }

  /** The MCP server for a legacy HTTP+SSE transport. */
  public McpSyncServer start(HttpServletSseServerTransportProvider transport) {
    SerializedTransport serialized = new SerializedTransport(transport);
    noticed.add(serialized);
    return configure(McpServer.sync(serialized));
  }

  /**
   * Reports {@code text} on stderr and to every client as an MCP logging notification ({@code
   * notifications/message}, logger {@code corral}). A stdio client that has not initialized yet
   * hears, once it has, of every component not served then ({@link UnservedComponent#report}).
   */
  public void notice(LoggingLevel level, String text) {
    System.err.println("corral: " + text);
    noticed.forEach(transport -> send(transport, level, text));
  }

  /**
   * Tells the Streamable HTTP session {@code sessionId}, the first time its event stream opens, of
   * every component not served now ({@link UnservedComponent#report}).
   */
  void greet(HttpServletStreamableServerTransportProvider transport, String sessionId) {
    if (greeted.add(sessionId)) {
      for (UnservedComponent component : components.unserved()) {
        transport
            .notifyClient(
                sessionId,
                McpSchema.METHOD_NOTIFICATION_MESSAGE,
                new LoggingMessageNotification(LoggingLevel.ERROR, "corral", component.report()))
            .subscribe(
                null, e -> log.warn("could not send a logging notification: {}", e.toString()));
      }
    }
  }

  private void send(McpServerTransportProviderBase transport, LoggingLevel level, String text) {
    transport
        .notifyClients(
            McpSchema.METHOD_NOTIFICATION_MESSAGE,
            new LoggingMessageNotification(level, "corral", text))
        .subscribe(null, e -> log.warn("could not send a logging notification: {}", e.toString()));
  }

  private <S extends McpServer.SyncSpecification<S>> McpSyncServer configure(
      McpServer.SyncSpecification<S> spec) {
    List<SyncToolSpecification> componentTools = componentTools(components.all());
    List<SyncToolSpecification> all = new ArrayList<>(builtins);
    all.addAll(componentTools);
    McpSyncServer server =
        spec.serverInfo("corral", ServerVersion.current())
            .jsonMapper(mapper)
            .requestTimeout(CLIENT_REQUEST_TIMEOUT)
            // Corral checks arguments itself, with errors naming the JSON path, type and value.
            .validateToolInputs(false)
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).logging().build())
            .tools(all)
            .build();
    served.add(new ServedTools(server, componentTools));
    return server;
  }

  /** The component tools one server currently lists, brought up to date on every change. */
  private static final class ServedTools {
    private final McpSyncServer server;
    private Map<String, SyncToolSpecification> current = new LinkedHashMap<>();

    ServedTools(McpSyncServer server, List<SyncToolSpecification> initial) {
      this.server = server;
      initial.forEach(t -> current.put(t.tool().name(), t));
    }

    synchronized void update(List<SyncToolSpecification> next) {
      Map<String, SyncToolSpecification> wanted = new LinkedHashMap<>();
      next.forEach(t -> wanted.put(t.tool().name(), t));
      for (String name : List.copyOf(current.keySet())) {
        SyncToolSpecification replacement = wanted.get(name);
        if (replacement == null || !replacement.tool().equals(current.get(name).tool())) {
          server.removeTool(name);
          current.remove(name);
        }
      }
      for (SyncToolSpecification tool : next) {
        if (!current.containsKey(tool.tool().name())) {
          server.addTool(tool);
          current.put(tool.tool().name(), tool);
        }
      }
      server.notifyToolsListChanged();
    }
  }
}
