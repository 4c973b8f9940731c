package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentDirectory;
import dev.corral.mcp.component.ComponentInstaller;
import dev.corral.mcp.component.ComponentLoadException;
import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.ComponentOpener;
import dev.corral.mcp.component.ComponentStatus;
import dev.corral.mcp.component.CorralDirectories;
import dev.corral.mcp.component.DeclaredDeployment;
import dev.corral.mcp.component.LoadedComponent;
import dev.corral.mcp.component.OwnResources;
import dev.corral.mcp.server.ApprovalGate;
import dev.corral.mcp.server.Catalogue;
import dev.corral.mcp.server.ComponentRecovery;
import dev.corral.mcp.server.ComponentRegistry;
import dev.corral.mcp.server.ComponentWarmer;
import dev.corral.mcp.server.CorralServer;
import dev.corral.mcp.server.DeclaredManagement;
import dev.corral.mcp.server.HttpSettings;
import dev.corral.mcp.server.HttpTransportServer;
import dev.corral.mcp.server.ManagementTools;
import dev.corral.mcp.server.RequestStates;
import dev.corral.mcp.server.RunningCalls;
import dev.corral.mcp.server.ToolInvoker;
import dev.corral.mcp.server.ToolMetrics;
import dev.corral.mcp.server.ToolRegistry;
import dev.corral.policy.OffLimits;
import dev.corral.policy.SecretStore;
import dev.corral.sandbox.runtime.CodeCache;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code corral serve}: runs the MCP server. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the MCP server. By default it speaks MCP over stdin/stdout (stdout carries only",
      "JSON-RPC; logs go to stderr). With --http it serves Streamable HTTP at /mcp and /health."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
  static final String TOKEN_VARIABLE = "CORRAL_TOKEN";
  static final String DEFAULT_LISTEN = "127.0.0.1:9001";

  /** How long clients may cache tools/list of a declared deployment, whose tools never change. */
  static final long DECLARED_TOOLS_TTL_MS = 300_000;

  /** How often the files of components that cannot be served are looked at (one stat each). */
  private static final Duration RECOVERY_PERIOD = Duration.ofSeconds(1);

  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.-]{0,252})");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

  @ArgGroup(exclusive = true)
  Transport transport = new Transport();

  static final class Transport {
    @Option(names = "--stdio", description = "Serve MCP over stdin/stdout (the default).")
    boolean stdio;

    @Option(names = "--http", description = "Serve Streamable HTTP at /mcp (and /health).")
    boolean http;
  }

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Address for --http (default: " + DEFAULT_LISTEN + ").")
  String listen;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Bearer token HTTP clients must send. Default: $"
              + TOKEN_VARIABLE
              + ", else the one kept in"
              + " $XDG_CONFIG_HOME/corral/token (generated at the first start), printed at start.")
  String token;

  @Option(
      names = "--no-auth",
      description = "Serve HTTP without a bearer token (loopback addresses only).")
  boolean noAuth;

  @Option(
      names = "--sse",
      description = "With --http, also serve the legacy HTTP+SSE transport (/sse, /message).")
  boolean sse;

  @Option(
      names = "--allowed-host",
      paramLabel = "NAME",
      description =
          "With --http, also accept requests whose Host header names NAME (a host name or address, without"
              + " the port; repeatable): the names remote clients use when listening on 0.0.0.0 or behind a proxy.")
  List<String> allowedHosts = new ArrayList<>();

  @Mixin ComponentSelection selection;

  @Option(
      names = "--strict",
      description =
          "Exit with status 1 if any component cannot be served (an invalid policy, a binary that is missing,"
              + " changed since it was installed or does not load). Without it such a component is reported and skipped,"
              + " and served once its files are fixed.")
  boolean strict;

  @Option(
      names = "--trust-agent-grants",
      description =
          "Apply permission grants an agent asks for without the user's approval when the client cannot ask"
              + " the user (MCP elicitation). Off by default: such grants are refused.")
  boolean trustAgentGrants;

  @Option(
      names = "--state-key-file",
      paramLabel = "FILE",
      description =
          "The key (a file of at least 32 bytes) that seals the state of an MCP 2026-07-28 request waiting"
              + " for the user's answer; servers given the same file finish each other's requests. Default: a random key"
              + " of this process.")
  java.nio.file.Path stateKeyFile;

  @Option(
      names = "--deployment",
      paramLabel = "FILE|DIR",
      description =
          "Serve exactly the components a deployment declares (a YAML file, or a directory holding "
              + DeclaredDeployment.FILE_NAME
              + ": signed OCI references pinned by digest, their keys and policies), pulled"
              + " and verified at start; the built-in tools that would change them are refused. For replicas behind a load"
              + " balancer. Excludes --component, --samples and --component-dir.")
  java.nio.file.Path deployment;

  @Override
  public Integer call() throws Exception {
    List<String> httpOnly = httpOnlyOptionsGiven();
    if (!transport.http && !httpOnly.isEmpty()) {
      throw new CliException(
          String.join(", ", httpOnly)
              + (httpOnly.size() == 1 ? " applies" : " apply")
              + " to --http only (serve speaks stdio without it)");
    }
    HttpSettings httpSettings = transport.http ? httpSettings() : null;
    CorralDirectories directories = CorralDirectories.current();
    ComponentLoader loader = new ComponentLoader(CodeCache.onDisk(directories.cache()));
    ComponentDirectory installed = selection.installed();
    ComponentOpener opener = new ComponentOpener(loader, installed);
    DeclaredDeployment declaration = deployment == null ? null : declaration();
    List<ComponentStatus> opened =
        declaration == null
            ? selection.openAll(opener, strict)
            : List.<ComponentStatus>copyOf(pull(declaration, directories, loader));
    JsonMapper json = JsonMapper.builder().build();
    ComponentRegistry registry = new ComponentRegistry(opened);
    OffLimits offLimits = OwnResources.of(directories, selection.componentDir);
    ComponentWarmer.watch(registry);
    ManagementTools management =
        new ManagementTools(
            json,
            registry,
            loader,
            () -> new ComponentInstaller(oci(directories), installed),
            installed,
            new Catalogue(
                directories.config().resolve("catalog.json"), directories.samples(), json),
            new ApprovalGate(trustAgentGrants),
            offLimits);
    RunningCalls running = new RunningCalls();
    ToolRegistry tools =
        new ToolRegistry(
            json,
            new ToolInvoker(
                json, System::getenv, new SecretStore(directories.secrets()), offLimits),
            ManagementTools.NAMES,
            running);
    CorralServer server =
        declaration == null
            ? new CorralServer(
                json,
                tools,
                registry,
                management.specifications(),
                running,
                requestStates(),
                0,
                new ToolMetrics())
            : new CorralServer(
                json,
                tools,
                registry,
                DeclaredManagement.of(management.specifications(), declaration.file()),
                running,
                requestStates(),
                DECLARED_TOOLS_TTL_MS,
                new ToolMetrics());
    ComponentRecovery recovery =
        new ComponentRecovery(registry, opener, server::notice, RECOVERY_PERIOD);
    management.recheckWith(recovery::check);
    List<LoadedComponent> loaded = registry.all();
    int toolCount = loaded.stream().mapToInt(c -> c.tools().size()).sum();
    if (httpSettings != null) {
      try (HttpTransportServer http = HttpTransportServer.start(httpSettings, server)) {
        String base = "http://" + hostForUrl(httpSettings.listen()) + ":" + http.port();
        System.err.println(
            "corral: serving "
                + toolCount
                + " tool(s) at "
                + base
                + "/mcp"
                + (httpSettings.legacySse() ? " and " + base + "/sse" : ""));
        System.err.flush();
        http.join();
      }
      return 0;
    }
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    log.info("serving {} tool(s) from {} component(s) on stdio", toolCount, loaded.size());
    server.serveStdio(new FileInputStream(FileDescriptor.in), stdout);
    return 0;
  }

  /** The declaration {@link #deployment} names. */
  private DeclaredDeployment declaration() throws CliException {
    if (!selection.components.isEmpty() || selection.samples || selection.componentDir != null) {
      throw new CliException(
          "--deployment declares every component served: --component, --samples and"
              + " --component-dir cannot be added to it");
    }
    try {
      return DeclaredDeployment.read(deployment);
    } catch (ComponentLoadException e) {
      throw new CliException("--deployment: " + e.getMessage(), e);
    }
  }

  /**
   * The components of {@code declared}, pulled, verified and laid out in a directory of this
   * process.
   */
  private static List<LoadedComponent> pull(
      DeclaredDeployment declared, CorralDirectories directories, ComponentLoader loader)
      throws CliException {
    try {
      java.nio.file.Path layout = java.nio.file.Files.createTempDirectory("corral-deployment");
      List<LoadedComponent> loaded =
          declared.pull(directories.data(), System.getenv(), layout, loader);
      System.err.println(
          "corral: serving the deployment "
              + declared.file()
              + ": "
              + loaded.size()
              + " component(s), pulled and verified");
      return loaded;
    } catch (ComponentLoadException e) {
      throw new CliException("--deployment: " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new CliException(
          "--deployment: cannot create a directory for its components: " + e.getMessage(), e);
    }
  }

  private RequestStates requestStates() throws CliException {
    if (stateKeyFile == null) {
      return RequestStates.ephemeral();
    }
    try {
      return RequestStates.withKeyFile(stateKeyFile);
    } catch (java.io.IOException e) {
      throw new CliException(
          "--state-key-file "
              + stateKeyFile
              + ": "
              + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
    }
  }

  /** The options given that mean something with --http only. */
  private List<String> httpOnlyOptionsGiven() {
    List<String> given = new ArrayList<>();
    if (listen != null) {
      given.add("--listen");
    }
    if (token != null) {
      given.add("--token");
    }
    if (noAuth) {
      given.add("--no-auth");
    }
    if (sse) {
      given.add("--sse");
    }
    if (!allowedHosts.isEmpty()) {
      given.add("--allowed-host");
    }
    return given;
  }

  private HttpSettings httpSettings() throws CliException {
    String where = listen != null ? listen : DEFAULT_LISTEN;
    InetSocketAddress address;
    try {
      address = HttpTransportServer.parseListen(where);
    } catch (IllegalArgumentException e) {
      throw new CliException("--listen " + where + ": " + e.getMessage());
    }
    Set<String> hosts = new LinkedHashSet<>();
    for (String name : allowedHosts) {
      hosts.add(allowedHost(name));
    }
    if (noAuth) {
      if (token != null) {
        throw new CliException("--no-auth and --token contradict each other");
      }
      if (!address.getAddress().isLoopbackAddress()) {
        throw new CliException(
            "--no-auth is accepted only on a loopback address; " + where + " is not one");
      }
      System.err.println(
          "corral: WARNING: authentication is off (--no-auth); any local process can call tools");
      return new HttpSettings(address, Optional.empty(), sse, hosts);
    }
    if (address.getAddress().isAnyLocalAddress() && hosts.isEmpty()) {
      System.err.println(
          "corral: listening on every address, but only requests naming this machine by a loopback name"
              + " are accepted (Host header); name the hosts remote clients use with --allowed-host NAME");
    }
    String chosen =
        token != null ? TokenFile.requireValid(token, "--token") : System.getenv(TOKEN_VARIABLE);
    if (token == null && chosen != null && !chosen.isBlank()) {
      TokenFile.requireValid(chosen, "$" + TOKEN_VARIABLE);
    }
    if (chosen == null || chosen.isBlank()) {
      TokenFile file = new TokenFile(CorralDirectories.current().tokenFile());
      TokenFile.Token kept = file.readOrCreate();
      System.err.println(
          kept.generated()
              ? "corral: generated a bearer token, kept in " + file.path() + " for later starts"
              : "corral: using the bearer token kept in " + file.path());
      chosen = kept.value();
      System.err.println(
          "corral: bearer token (send as 'Authorization: Bearer <token>'): " + chosen);
    }
    return new HttpSettings(address, Optional.of(chosen), sse, hosts);
  }

  /** {@code name} (an --allowed-host value) as a Host header names it, or why it cannot be one. */
  private static String allowedHost(String name) throws CliException {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean hostName = HOST_NAME.matcher(lower).matches();
    boolean ipv6 =
        IPV6.matcher(lower).matches()
            || (lower.startsWith("[")
                && lower.endsWith("]")
                && IPV6.matcher(lower.substring(1, lower.length() - 1)).matches());
    if (!hostName && !ipv6) {
      throw new CliException(
          "--allowed-host " + name + ": expected a host name or address, without a port");
    }
    return HttpTransportServer.hostName(lower);
  }

  /** The OCI client for load-component: trust comes from the config's trust.json only. */
  private static dev.corral.oci.OciComponents oci(CorralDirectories directories) {
    try {
      return OciAccess.client(directories, System.getenv(), Optional.empty(), List.of());
    } catch (CliException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String hostForUrl(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
