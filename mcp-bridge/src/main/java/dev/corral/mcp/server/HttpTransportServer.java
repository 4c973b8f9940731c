package dev.corral.mcp.server;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Corral over HTTP on embedded Jetty: Streamable HTTP at {@code /mcp} (MCP 2026-07-28 requests
 * answered statelessly by {@link ModernHttpFilter}, 2025-era sessions by the SDK), optionally the
 * legacy HTTP+SSE transport at {@code /sse} and {@code /message}, {@code /health} and {@code
 * /metrics}. Every MCP endpoint and {@code /metrics} check Host and Origin, then the bearer token
 * (unless authentication is off).
 */
public final class HttpTransportServer implements AutoCloseable {
  private final Server jetty;
  private final List<McpSyncServer> servers;
  private static final int PLATFORM_THREADS = 24;

  /** Prometheus metrics, behind the same Host check and token as MCP. */
  public static final String METRICS_PATH = "/metrics";

  private final int port;

  private HttpTransportServer(Server jetty, List<McpSyncServer> servers, int port) {
    this.jetty = jetty;
    this.servers = servers;
    this.port = port;
  }

  /** Binds {@code settings.listen()} and starts serving. */
  public static HttpTransportServer start(HttpSettings settings, CorralServer corral)
      throws Exception {
    // A fixed pool of platform threads for Jetty's selectors and non-blocking work; requests run on
    // virtual threads. Fixed, so that the server's thread count does not swell and shrink with
    // load.
    QueuedThreadPool threads = new QueuedThreadPool(PLATFORM_THREADS, PLATFORM_THREADS);
    threads.setName("corral-http");
    threads.setVirtualThreadsExecutor(
        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    Server jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(settings.listen().getHostString());
    connector.setPort(settings.listen().getPort());
    jetty.addConnector(connector);
    connector.open();
    int port = connector.getLocalPort();

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    List<McpSyncServer> servers = new ArrayList<>();
    HttpServletStreamableServerTransportProvider streamable = corral.streamableTransport();
    servers.add(corral.start(streamable));
    context.addServlet(async(new ServletHolder(streamable)), CorralServer.MCP_PATH);
    List<String> guarded = new ArrayList<>(List.of(CorralServer.MCP_PATH));
    if (settings.legacySse()) {
      HttpServletSseServerTransportProvider sse = corral.sseTransport();
      servers.add(corral.start(sse));
      ServletHolder holder = async(new ServletHolder(sse));
      context.addServlet(holder, CorralServer.SSE_PATH);
      context.addServlet(holder, CorralServer.MESSAGE_PATH);
      guarded.addAll(List.of(CorralServer.SSE_PATH, CorralServer.MESSAGE_PATH));
    }
    context.addServlet(new ServletHolder(new HealthServlet()), "/health");
    context.addServlet(new ServletHolder(new MetricsServlet(corral.metrics())), METRICS_PATH);
    guarded.add(METRICS_PATH);

    Set<String> hosts = allowedHosts(settings.listen(), port, settings.allowedHosts());
    for (String path : guarded) {
      context.addFilter(
          new FilterHolder(new HostOriginFilter(hosts)), path, EnumSet.of(DispatcherType.REQUEST));
      settings
          .token()
          .ifPresent(
              token ->
                  context.addFilter(
                      new FilterHolder(new BearerTokenFilter(token)),
                      path,
                      EnumSet.of(DispatcherType.REQUEST)));
      context.addFilter(
          new FilterHolder(new JsonRpcBodyFilter(corral.json(), corral.running())),
          path,
          EnumSet.of(DispatcherType.REQUEST));
      if (path.equals(CorralServer.MCP_PATH)) {
        // MCP 2026-07-28 requests are answered statelessly before they reach the SDK's transport
        // (their errors carry data that SdkErrorBodyFilter's rewriting would drop)
        context.addFilter(
            new FilterHolder(
                new ModernHttpFilter(corral.json(), corral.modern(), corral.running())),
            path,
            EnumSet.of(DispatcherType.REQUEST));
      }
      context.addFilter(
          new FilterHolder(new SdkErrorBodyFilter()), path, EnumSet.of(DispatcherType.REQUEST));
    }
    context.addFilter(
        new FilterHolder(new SessionGreetingFilter(session -> corral.greet(streamable, session))),
        CorralServer.MCP_PATH,
        EnumSet.of(DispatcherType.REQUEST));
    context.setErrorHandler(new JsonRpcErrorHandler());
    jetty.setErrorHandler(new JsonRpcErrorHandler());
    jetty.setHandler(context);
    jetty.setStopAtShutdown(true);
    jetty.start();
    return new HttpTransportServer(jetty, servers, port);
  }

  private static ServletHolder async(ServletHolder holder) {
    holder.setAsyncSupported(true);
    return holder;
  }

  /**
   * The {@code Host} header values that name this server: the loopback names when it listens on
   * loopback or on every address, the listen address (as given and as resolved) otherwise, and
   * {@code extra} (see {@link HttpSettings#allowedHosts()}), each with the port.
   */
  static Set<String> allowedHosts(InetSocketAddress listen, int port, Set<String> extra) {
    InetAddress bound = listen.getAddress();
    Set<String> names = new LinkedHashSet<>();
    if (bound.isLoopbackAddress() || bound.isAnyLocalAddress()) {
      names.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
    }
    if (!bound.isAnyLocalAddress()) {
      names.add(hostName(bound.getHostAddress()));
      names.add(hostName(listen.getHostString()));
    }
    names.addAll(extra);
    Set<String> hosts = new LinkedHashSet<>();
    for (String name : names) {
      hosts.add(name.toLowerCase(Locale.ROOT) + ":" + port);
    }
    return hosts;
  }

  /** {@code name} as a Host header writes it: IPv6 addresses in brackets. */
  public static String hostName(String name) {
    return name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
  }

  /** The port actually bound (useful when asked for port 0). */
  public int port() {
    return port;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() throws Exception {
    for (McpSyncServer server : servers) {
      server.closeGracefully();
    }
    jetty.stop();
  }

  /** Parses {@code HOST:PORT} ({@code [v6]:PORT} for IPv6). */
  public static InetSocketAddress parseListen(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, got '" + value + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a port number after ':', got '" + value.substring(colon + 1) + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("cannot resolve host '" + host + "'");
    }
    return address;
  }
}
