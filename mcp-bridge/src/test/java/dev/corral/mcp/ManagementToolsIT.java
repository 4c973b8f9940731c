package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.mcp.server.ManagementTools;
import dev.corral.oci.RegistryExtension;
import dev.corral.samples.SampleTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The built-in tools through the SDK's own client over stdio: components loaded and unloaded at run
 * time (with tools/list_changed), and grants that wait for the user's approval (elicitation).
 */
class ManagementToolsIT {
  @TempDir Path home;

  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  /**
   * Environment variables the next {@link #client} gives the server, beyond the XDG directories.
   */
  private final Map<String, String> serverEnvironment = new java.util.HashMap<>();

  /** The questions the server asked the user (elicitation messages), in order. */
  private final List<String> questions = new CopyOnWriteArrayList<>();

  private McpSyncClient client(
      boolean canElicit, AtomicBoolean userApproves, List<List<String>> toolLists) {
    return client(
        canElicit ? request -> userApproves.get() ? approve() : decline() : null, toolLists);
  }

  /**
   * A client for {@code corral serve --no-samples EXTRA}; {@code user} answers the server's
   * questions (null: the client cannot elicit).
   */
  private McpSyncClient client(
      Function<McpSchema.ElicitRequest, McpSchema.ElicitResult> user,
      List<List<String>> toolLists,
      String... extra) {
    List<String> args =
        new ArrayList<>(List.of("-jar", McpProcess.jar().toString(), "serve", "--no-samples"));
    args.addAll(List.of(extra));
    Map<String, String> environment =
        new java.util.HashMap<>(
            Map.of(
                "XDG_DATA_HOME",
                home.resolve("data").toString(),
                "XDG_CONFIG_HOME",
                home.resolve("config").toString(),
                "XDG_CACHE_HOME",
                home.resolve("cache").toString(),
                "EXAMPLE_VISIBLE",
                "yes",
                "PATH",
                System.getenv("PATH")));
    environment.putAll(serverEnvironment);
    ServerParameters server =
        ServerParameters.builder(McpProcess.javaExecutable()).args(args).env(environment).build();
    McpClient.SyncSpec spec =
        McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(McpProcess.JSON)))
            .requestTimeout(Duration.ofSeconds(60))
            .toolsChangeConsumer(
                tools -> toolLists.add(tools.stream().map(McpSchema.Tool::name).toList()));
    if (user != null) {
      spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
          .elicitation(
              request -> {
                questions.add(request.message());
                return user.apply(request);
              });
    }
    return spec.build();
  }

  /** The question asked before an unsigned file is opened. */
  static String unsignedFileQuestion(String id, Path file) {
    return "Corral: an agent asks to fetch and install an unsigned component.\n"
        + "  component: \""
        + id
        + "\"\n"
        + "  source: \""
        + file.toUri()
        + "\"\n"
        + "  digest: not known yet: Corral opens and downloads nothing before you approve\n"
        + "  signature: none (a local file is not signed)\n"
        + "  replaces: nothing (a new install)\n"
        + "  permissions: none now; if it brings a policy, or replaces a component that has grants or secrets, you are"
        + " asked again, with its digest\n"
        + "Approve?";
  }

  private static McpSchema.ElicitResult approve() {
    return new McpSchema.ElicitResult(
        McpSchema.ElicitResult.Action.ACCEPT, Map.of("approve", true));
  }

  private static McpSchema.ElicitResult decline() {
    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
  }

  /**
   * Closes the client and waits for the server process to exit, so that the temporary home is not
   * deleted while the server still writes to it ({@link McpSyncClient#close()} does not wait).
   */
  private record Stopping(McpSyncClient client) implements AutoCloseable {
    @Override
    public void close() {
      assertTrue(client.closeGracefully(), "the server process did not exit after SIGTERM");
    }
  }

  private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void loadGrantRevokeUnloadWithTheUsersApproval() throws Exception {
    Path config = home.resolve("config-tool.wasm");
    Files.write(config, SampleTools.find("config").orElseThrow().wasm());
    AtomicBoolean userApproves = new AtomicBoolean(true);
    List<List<String>> toolLists = new CopyOnWriteArrayList<>();
    try (Stopping stopping = new Stopping(client(true, userApproves, toolLists))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      assertEquals(ManagementTools.NAMES.size(), client.listTools().tools().size());

      CallToolResult loaded =
          call(
              client,
              "load-component",
              Map.of("path", testComponent("adder.component.wasm").toString()));
      assertFalse(loaded.isError(), text(loaded));
      assertEquals("loaded adder.component (1 tools)", text(loaded));
      assertEquals(
          List.of(unsignedFileQuestion("adder.component", testComponent("adder.component.wasm"))),
          questions);
      assertEquals(
          Map.of("result", 42),
          call(client, "docs_adder_add_add", Map.of("x", 40, "y", 2)).structuredContent());
      assertTrue(Files.exists(home.resolve("data/corral/components/adder.component.wasm")));

      assertFalse(call(client, "load-component", Map.of("path", config.toString())).isError());
      assertEquals(
          Map.of("result", List.of()),
          call(client, "corral_config_env_list-keys", Map.of()).structuredContent());

      userApproves.set(false);
      CallToolResult declined =
          call(
              client,
              "grant-environment-variable-permission",
              Map.of("component_id", "config-tool", "details", Map.of("key", "EXAMPLE_VISIBLE")));
      assertTrue(declined.isError());
      assertEquals(
          "let it read the environment variable \"EXAMPLE_VISIBLE\" for config-tool: refused by the user (decline)",
          text(declined));
      assertEquals(
          Map.of("result", List.of()),
          call(client, "corral_config_env_list-keys", Map.of()).structuredContent());

      userApproves.set(true);
      CallToolResult granted =
          call(
              client,
              "grant-environment-variable-permission",
              Map.of("component_id", "config-tool", "details", Map.of("key", "EXAMPLE_VISIBLE")));
      assertFalse(granted.isError(), text(granted));
      assertEquals(
          Map.of("result", List.of("EXAMPLE_VISIBLE")),
          call(client, "corral_config_env_list-keys", Map.of()).structuredContent());
      String policy = text(call(client, "get-policy", Map.of("component_id", "config-tool")));
      assertTrue(
          policy.contains("key: EXAMPLE_VISIBLE") || policy.contains("key: \"EXAMPLE_VISIBLE\""),
          policy);

      assertFalse(
          call(
                  client,
                  "revoke-environment-variable-permission",
                  Map.of(
                      "component_id", "config-tool", "details", Map.of("key", "EXAMPLE_VISIBLE")))
              .isError());
      assertEquals(
          Map.of("result", List.of()),
          call(client, "corral_config_env_list-keys", Map.of()).structuredContent());

      CallToolResult unloaded = call(client, "unload-component", Map.of("id", "adder.component"));
      assertEquals("unloaded adder.component", text(unloaded));
      List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertFalse(names.contains("docs_adder_add_add"), names.toString());
      assertTrue(names.contains("corral_config_env_list-keys"), names.toString());
      assertFalse(Files.exists(home.resolve("data/corral/components/adder.component.wasm")));
      assertTrue(
          toolLists.stream().anyMatch(list -> list.contains("docs_adder_add_add")),
          toolLists.toString());
      // the unload was announced too: the client fetched a list without the adder's tool
      awaitToolList(
          toolLists,
          list ->
              !list.contains("docs_adder_add_add") && list.contains("corral_config_env_list-keys"));
    }
  }

  @Test
  void loadsReportProgressAndGuestOutputArrivesAsLogMessages() throws Exception {
    List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    ServerParameters server =
        ServerParameters.builder(McpProcess.javaExecutable())
            .args("-jar", McpProcess.jar().toString(), "serve", "--no-samples")
            .env(
                Map.of(
                    "XDG_DATA_HOME",
                    home.resolve("data").toString(),
                    "XDG_CONFIG_HOME",
                    home.resolve("config").toString(),
                    "XDG_CACHE_HOME",
                    home.resolve("cache").toString(),
                    "PATH",
                    System.getenv("PATH")))
            .build();
    try (Stopping stopping =
        new Stopping(
            McpClient.sync(
                    new StdioClientTransport(server, new JacksonMcpJsonMapper(McpProcess.JSON)))
                .requestTimeout(Duration.ofSeconds(60))
                .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(request -> approve())
                .loggingConsumer(logs::add)
                .progressConsumer(progress::add)
                .build())) {
      McpSyncClient client = stopping.client();
      client.initialize();
      client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
      CallToolResult loaded =
          client.callTool(
              CallToolRequest.builder()
                  .name("load-component")
                  .arguments(Map.of("path", testComponent("probe.component.wasm").toString()))
                  .progressToken("load-1")
                  .build());
      assertFalse(loaded.isError(), text(loaded));
      // the client may hand notifications over out of order: compare them by their progress value
      List<McpSchema.ProgressNotification> steps =
          progress.stream()
              .sorted(
                  java.util.Comparator.comparingDouble(McpSchema.ProgressNotification::progress))
              .toList();
      assertEquals(
          List.of(0.0, 1.0, 2.0, 3.0),
          steps.stream().map(McpSchema.ProgressNotification::progress).toList());
      assertEquals(
          List.of(
              "fetching and verifying " + testComponent("probe.component.wasm"),
              "verified: ",
              "compiling and linking",
              "loaded probe.component"),
          steps.stream()
              .map(p -> p.message().startsWith("verified: ") ? "verified: " : p.message())
              .toList());
      assertTrue(
          steps.stream().allMatch(p -> "load-1".equals(p.progressToken()) && p.total() == 3.0),
          steps.toString());

      CallToolResult printed = call(client, "run", Map.of("op", "print", "arg", "hello"));
      assertFalse(printed.isError(), text(printed));
      CallToolResult denied =
          call(client, "run", Map.of("op", "http", "arg", "GET\nhttp\n127.0.0.1:9\n/\n"));
      assertEquals(
          "err",
          ((Map<?, ?>) ((Map<?, ?>) denied.structuredContent()).get("result")).get("tag"),
          denied.toString());
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (logs.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      McpSchema.LoggingMessageNotification stderr =
          logs.stream()
              .filter(l -> l.level() == McpSchema.LoggingLevel.INFO)
              .findFirst()
              .orElseThrow(() -> new AssertionError(logs));
      assertEquals("probe.component", stderr.logger());
      assertEquals("err:hello", stderr.data());
      McpSchema.LoggingMessageNotification notice =
          logs.stream()
              .filter(l -> l.level() == McpSchema.LoggingLevel.WARNING)
              .findFirst()
              .orElseThrow(() -> new AssertionError(logs));
      assertEquals("probe.component", notice.logger());
      assertTrue(
          notice.data().startsWith("http request denied: ") && notice.data().contains("127.0.0.1"),
          notice.data());
    }
  }

  @Test
  void loadsAndGrantsAreRefusedWhenTheClientCannotAskTheUser() throws Exception {
    Path config = configSample("config");
    try (Stopping stopping =
        new Stopping(
            client(null, new CopyOnWriteArrayList<>(), "--component", config.toString()))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      Path adder = testComponent("adder.component.wasm");
      CallToolResult load = call(client, "load-component", Map.of("path", adder.toString()));
      assertTrue(load.isError());
      assertEquals(
          "load-component "
              + adder
              + ": refused: this client cannot ask the user for approval (MCP elicitation);"
              + " load it with `corral component load "
              + adder
              + "`, or start the server with --trust-agent-grants",
          text(load));
      assertFalse(Files.exists(home.resolve("data/corral/components/adder.component.wasm")));

      CallToolResult refused =
          call(
              client,
              "grant-network-permission",
              Map.of("component_id", "config", "details", Map.of("host", "example.com")));
      assertTrue(refused.isError());
      assertEquals(
          "grant network access to \"example.com\" for config: refused: this client cannot ask the user for approval"
              + " (MCP elicitation); grant it with `corral permission grant ...`, or start the server with --trust-agent-grants",
          text(refused));
      CallToolResult unknown = call(client, "get-policy", Map.of("component_id", "nope"));
      assertEquals("get-policy: no loaded component 'nope'", text(unknown));
    }
  }

  @Test
  void loadingAnUnsignedComponentThatTheUserDeclinesInstallsNothing() throws Exception {
    Path adder = testComponent("adder.component.wasm");
    try (Stopping stopping =
        new Stopping(client(request -> decline(), new CopyOnWriteArrayList<>()))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      CallToolResult load = call(client, "load-component", Map.of("path", adder.toString()));
      assertTrue(load.isError());
      assertEquals("load-component " + adder + ": refused by the user (decline)", text(load));
      assertEquals(List.of(unsignedFileQuestion("adder.component", adder)), questions);
      assertFalse(Files.exists(home.resolve("data/corral/components/adder.component.wasm")));
      assertEquals(ManagementTools.NAMES.size(), client.listTools().tools().size());
    }
  }

  /** A config sample written under {@code name}.wasm in the test's home, without a policy. */
  private Path configSample(String name) throws Exception {
    Path file = home.resolve(name + ".wasm");
    Files.write(file, SampleTools.find("config").orElseThrow().wasm());
    return file;
  }

  @Test
  void theUserMayTakeLongerThanTheSdksTenSecondsToApprove() throws Exception {
    Path config = configSample("config");
    try (Stopping stopping =
        new Stopping(
            client(
                request -> {
                  if (request.message().contains("environment variable")) {
                    try {
                      Thread.sleep(12_000);
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                  }
                  return approve();
                },
                new CopyOnWriteArrayList<>()))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      assertFalse(call(client, "load-component", Map.of("path", config.toString())).isError());
      CallToolResult granted =
          call(
              client,
              "grant-environment-variable-permission",
              Map.of("component_id", "config", "details", Map.of("key", "EXAMPLE_VISIBLE")));
      assertEquals(
          "done: let it read the environment variable \"EXAMPLE_VISIBLE\" for config",
          text(granted));
      assertEquals(
          Map.of("result", List.of("EXAMPLE_VISIBLE")),
          call(client, "corral_config_env_list-keys", Map.of()).structuredContent());
    }
  }

  @Test
  void aFailedQuestionIsARefusal() throws Exception {
    Path config = configSample("config");
    try (Stopping stopping =
        new Stopping(
            client(
                request -> {
                  if (request.message().contains("network")) {
                    throw new IllegalStateException("the dialog crashed");
                  }
                  return approve();
                },
                new CopyOnWriteArrayList<>()))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      assertFalse(call(client, "load-component", Map.of("path", config.toString())).isError());
      CallToolResult refused =
          call(
              client,
              "grant-network-permission",
              Map.of("component_id", "config", "details", Map.of("host", "example.com")));
      assertTrue(refused.isError());
      assertEquals(
          "grant network access to \"example.com\" for config: refused: asking the user for approval failed: the dialog crashed",
          text(refused));
      assertEquals(
          "no policy file: nothing is granted",
          text(call(client, "get-policy", Map.of("component_id", "config"))));
    }
  }

  /** Runs {@code corral ARGS} with this test's home to its end; fails unless it exits with 0. */
  private void corral(String... args) throws Exception {
    try (McpProcess run = McpProcess.start(McpProcess.corral(home, args))) {
      assertEquals(0, run.waitForExit(), run.stderr());
    }
  }

  private static List<String> ids(JsonNode listComponents) {
    List<String> ids = new ArrayList<>();
    listComponents
        .at("/structuredContent/components")
        .forEach(c -> ids.add(c.get("id").asString()));
    return ids;
  }

  @Test
  void aFileNamedLikeAnInstalledComponentIsRenamedAndUnloadingItKeepsTheInstalledOne()
      throws Exception {
    corral("component", "load", configSample("config").toString());
    Path installed = home.resolve("data/corral/components/config.wasm");
    assertTrue(Files.exists(installed));
    Path other = Files.createDirectories(home.resolve("elsewhere")).resolve("config.wasm");
    Files.write(other, SampleTools.find("config").orElseThrow().wasm());
    try (McpProcess server =
        McpProcess.start(McpProcess.corral(home, "serve", "--component", other.toString()))) {
      server.initialize();
      assertTrue(
          server
              .stderr()
              .contains(
                  "component id 'config' is taken by "
                      + installed
                      + "; serving "
                      + other
                      + " as 'config_2'"),
          server.stderr());
      assertEquals(List.of("config", "config_2"), ids(server.callTool("list-components", "{}")));
      assertTrue(
          server.componentToolNames().contains("corral_config_env_list-keys_2"),
          server.componentToolNames().toString());

      JsonNode unloaded = server.callTool("unload-component", "{\"id\":\"config_2\"}");
      assertEquals(
          "unloaded config_2 (" + other + " was not installed: it stays)",
          unloaded.at("/content/0/text").asString());
      assertEquals(
          McpProcess.JSON.readTree("{\"id\":\"config_2\",\"uninstalled\":false}"),
          unloaded.get("structuredContent"));
      assertTrue(Files.exists(installed) && Files.exists(other));
      assertEquals(List.of("config"), ids(server.callTool("list-components", "{}")));

      assertEquals(
          "unloaded config",
          server
              .callTool("unload-component", "{\"id\":\"config\"}")
              .at("/content/0/text")
              .asString());
      assertFalse(Files.exists(installed));
      assertTrue(Files.exists(other));
    }
  }

  @Test
  void unloadingAComponentFileRemovesNoFiles() throws Exception {
    Path file = configSample("tool");
    Files.writeString(home.resolve("tool.policy.yaml"), "version: \"1.0\"\n");
    try (McpProcess server =
        McpProcess.start(McpProcess.corral(home, "serve", "--component", file.toString()))) {
      server.initialize();
      JsonNode unloaded = server.callTool("unload-component", "{\"id\":\"tool\"}");
      assertEquals(
          "unloaded tool (" + file + " was not installed: it stays)",
          unloaded.at("/content/0/text").asString());
      assertTrue(Files.exists(file) && Files.exists(home.resolve("tool.policy.yaml")));
      assertEquals(List.of(), server.componentToolNames());
    }
  }

  /**
   * Waits until the client has received (after a list_changed) a tool list matching {@code wanted}.
   */
  private static void awaitToolList(
      List<List<String>> toolLists, java.util.function.Predicate<List<String>> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (toolLists.stream().noneMatch(wanted) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(toolLists.stream().anyMatch(wanted), "no such tool list announced: " + toolLists);
  }

  @Test
  void trustAgentGrantsApprovesLoadsAndGrantsWithoutAsking() throws Exception {
    Path config = configSample("config");
    try (Stopping stopping =
        new Stopping(client(null, new CopyOnWriteArrayList<>(), "--trust-agent-grants"))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      assertEquals(
          "loaded config (3 tools)",
          text(call(client, "load-component", Map.of("path", config.toString()))));
      CallToolResult granted =
          call(
              client,
              "grant-environment-variable-permission",
              Map.of("component_id", "config", "details", Map.of("key", "EXAMPLE_VISIBLE")));
      assertEquals(
          "done: let it read the environment variable \"EXAMPLE_VISIBLE\" for config",
          text(granted));
      assertEquals(
          Map.of("result", List.of("EXAMPLE_VISIBLE")),
          call(client, "corral_config_env_list-keys", Map.of()).structuredContent());
    }
  }

  @Test
  void corralsOwnVariablesAndDirectoriesAreNeverGrantedEvenWithTrustAgentGrants() throws Exception {
    serverEnvironment.put("CORRAL_TOKEN", "the-servers-bearer-token");
    serverEnvironment.put("COSIGN_PASSWORD", "the-signing-key-password");
    Path config = configSample("config");
    try (Stopping stopping =
        new Stopping(client(null, new CopyOnWriteArrayList<>(), "--trust-agent-grants"))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      assertEquals(
          "loaded config (3 tools)",
          text(call(client, "load-component", Map.of("path", config.toString()))));
      for (String key :
          List.of(
              "CORRAL_TOKEN", "COSIGN_PASSWORD", "CORRAL_REGISTRY_PASSWORD", "XDG_CONFIG_HOME")) {
        CallToolResult refused =
            call(
                client,
                "grant-environment-variable-permission",
                Map.of("component_id", "config", "details", Map.of("key", key)));
        assertTrue(refused.isError());
        assertEquals(
            "let it read the environment variable \""
                + key
                + "\" for config: refused: "
                + key
                + " cannot be granted: it is one of Corral's own environment variables, which no component may read",
            text(refused));
      }
      CallToolResult home =
          call(
              client,
              "grant-storage-permission",
              Map.of(
                  "component_id",
                  "config",
                  "details",
                  Map.of("uri", "fs://" + this.home, "access", List.of("read"))));
      assertEquals(
          "grant [read] access to \"fs://"
              + this.home
              + "\" for config: refused: fs://"
              + this.home
              + " cannot be granted: it covers Corral's token file "
              + this.home.resolve("config/corral/token")
              + ", which no component may reach",
          text(home));
      Path secrets = this.home.resolve("data/corral/secrets");
      CallToolResult inside =
          call(
              client,
              "grant-storage-permission",
              Map.of(
                  "component_id",
                  "config",
                  "details",
                  Map.of("uri", "fs://" + secrets + "/x/**", "access", List.of("read", "write"))));
      assertEquals(
          "grant [read, write] access to \"fs://"
              + secrets
              + "/x/**\" for config: refused: fs://"
              + secrets
              + "/x/** cannot be granted: it lies inside Corral's secrets directory "
              + secrets
              + ", which no component may reach",
          text(inside));
      // nothing was written, and the component sees none of them
      assertEquals(
          Map.of("result", List.of()),
          call(client, "corral_config_env_list-keys", Map.of()).structuredContent());
      String policy = text(call(client, "get-policy", Map.of("component_id", "config")));
      assertFalse(policy.contains("CORRAL_TOKEN") || policy.contains("fs://"), policy);
      // an ordinary grant still works
      assertEquals(
          "done: let it read the environment variable \"EXAMPLE_VISIBLE\" for config",
          text(
              call(
                  client,
                  "grant-environment-variable-permission",
                  Map.of("component_id", "config", "details", Map.of("key", "EXAMPLE_VISIBLE")))));
    }
  }

  /** The probe's {@code run(op, arg)} result: {@code {"tag": "ok"|"err", "val": ...}}. */
  private static Object run(McpSyncClient client, String op, String arg) {
    return ((Map<?, ?>) call(client, "run", Map.of("op", op, "arg", arg)).structuredContent())
        .get("result");
  }

  @Test
  void storageAndNetworkGrantsTakeEffectOnTheNextCallAndResetRemovesThem() throws Exception {
    Path probe = Files.copy(testComponent("probe.component.wasm"), home.resolve("probe.wasm"));
    Path data = Files.createDirectories(home.resolve("files"));
    Files.writeString(data.resolve("note.txt"), "hello from the host");
    com.sun.net.httpserver.HttpServer web =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    web.createContext(
        "/ping",
        exchange -> {
          byte[] pong = "pong".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, pong.length);
          exchange.getResponseBody().write(pong);
          exchange.close();
        });
    web.start();
    String get = "GET\nhttp\n127.0.0.1:" + web.getAddress().getPort() + "\n/ping\n";
    String note = data.resolve("note.txt").toString();
    String uri = "fs://" + data;
    try (Stopping stopping =
        new Stopping(
            client(
                request -> approve(),
                new CopyOnWriteArrayList<>(),
                "--component",
                probe.toString()))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      assertEquals(
          Map.of("tag", "err", "val", "open: Capabilities insufficient"),
          run(client, "read", note));
      assertEquals("err", ((Map<?, ?>) run(client, "http", get)).get("tag"));

      assertEquals(
          "done: grant [read] access to \"" + uri + "\" for probe",
          text(
              call(
                  client,
                  "grant-storage-permission",
                  Map.of(
                      "component_id",
                      "probe",
                      "details",
                      Map.of("uri", uri, "access", List.of("read"))))));
      assertEquals(Map.of("tag", "ok", "val", "hello from the host"), run(client, "read", note));
      assertEquals(
          "done: grant network access to \"127.0.0.1\" for probe",
          text(
              call(
                  client,
                  "grant-network-permission",
                  Map.of("component_id", "probe", "details", Map.of("host", "127.0.0.1")))));
      assertEquals(Map.of("tag", "ok", "val", "status 200 body pong"), run(client, "http", get));
      String head =
          "Corral: an agent asks to change the permissions of the component \"probe\".\n"
              + "  component: \"probe\"\n"
              + "  source: \""
              + probe.toUri()
              + "\"\n"
              + "  digest: sha256:"
              + java.util.HexFormat.of()
                  .formatHex(
                      java.security.MessageDigest.getInstance("SHA-256")
                          .digest(Files.readAllBytes(probe)))
              + "\n";
      String limits = "  - limits: timeout 30s, memory 256Mi, output 1Mi (the defaults)\n";
      assertEquals(
          List.of(
              head
                  + "  change: grant [read] access to \""
                  + uri
                  + "\"\nIn force if you approve:\n"
                  + "  - storage \""
                  + uri
                  + "\" (read)\n"
                  + limits
                  + "Approve?",
              head
                  + "  change: grant network access to \"127.0.0.1\"\nIn force if you approve:\n"
                  + "  - storage \""
                  + uri
                  + "\" (read)\n  - network \"127.0.0.1\"\n"
                  + limits
                  + "Approve?"),
          questions);

      assertEquals(
          "done: remove every permission for probe",
          text(call(client, "reset-permission", Map.of("component_id", "probe"))));
      assertEquals(
          Map.of("tag", "err", "val", "open: Capabilities insufficient"),
          run(client, "read", note));
      assertEquals("err", ((Map<?, ?>) run(client, "http", get)).get("tag"));
      assertEquals(2, questions.size(), "reset asked for approval: " + questions);
    } finally {
      web.stop(0);
    }
  }

  @Test
  void searchComponentsFindsTheSamplesAndTheUsersCatalogue() throws Exception {
    Files.createDirectories(home.resolve("config/corral"));
    Files.writeString(
        home.resolve("config/corral/catalog.json"),
        """
        {"components": [
          {"name": "weather", "description": "Forecasts from the met office", "uri": "oci://registry.example/tools/weather:1"},
          {"name": "qr", "description": "Makes QR codes", "uri": "https://example.com/qr.wasm"}]}""");
    try (Stopping stopping = new Stopping(client(null, new CopyOnWriteArrayList<>()))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      CallToolResult weather = call(client, "search-components", Map.of("query", "MET office"));
      assertEquals("1 known component(s)", text(weather));
      assertEquals(
          Map.of(
              "components",
              List.of(
                  Map.of(
                      "name",
                      "weather",
                      "description",
                      "Forecasts from the met office",
                      "uri",
                      "oci://registry.example/tools/weather:1"))),
          weather.structuredContent());

      dev.corral.samples.SampleTool compute = SampleTools.find("compute").orElseThrow();
      assertEquals(
          Map.of(
              "components",
              List.of(
                  Map.of(
                      "name",
                      "compute",
                      "description",
                      compute.summary() + " (" + compute.language() + " sample)",
                      "uri",
                      home.resolve("data/corral/samples/compute.wasm").toUri().toString()))),
          call(client, "search-components", Map.of("query", "compute")).structuredContent());

      CallToolResult all = call(client, "search-components", Map.of());
      List<Object> names =
          ((List<?>) ((Map<?, ?>) all.structuredContent()).get("components"))
              .stream()
                  .map(entry -> ((Map<?, ?>) entry).get("name"))
                  .map(Object.class::cast)
                  .toList();
      List<Object> expected =
          new ArrayList<>(
              SampleTools.bundled().stream().map(dev.corral.samples.SampleTool::name).toList());
      expected.addAll(List.of("weather", "qr"));
      assertEquals(expected, names);
      assertEquals(
          "0 known component(s)",
          text(call(client, "search-components", Map.of("query", "nothing like this"))));
    }
  }

  @Test
  void aSignedComponentNeedsApprovalOnlyWhenItsPolicyGrantsSomething() throws Exception {
    String host = REGISTRY.host();
    corralInHome("keygen", "dev");
    Path published = Files.createDirectories(home.resolve("published"));
    Path adder = Files.copy(testComponent("adder.component.wasm"), published.resolve("adder.wasm"));
    Files.writeString(
        published.resolve("adder.policy.yaml"),
        "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: example.com\n");
    Path plain =
        Files.copy(
            testComponent("adder.component.wasm"),
            Files.createDirectories(home.resolve("plain")).resolve("plain.wasm"));
    for (String[] push :
        List.of(
            new String[] {adder.toString(), "oci://" + host + "/tools/adder:1"},
            new String[] {plain.toString(), "oci://" + host + "/tools/plain:1"})) {
      corralInHome("push", push[0], push[1]);
      corralInHome("sign", push[1], "--key", "dev.key");
    }
    Files.createDirectories(home.resolve("config/corral"));
    Files.writeString(
        home.resolve("config/corral/trust.json"),
        "{\"trust\": [{\"prefix\": \""
            + host
            + "/tools\", \"keys\": [\""
            + home.resolve("dev.pub")
            + "\"]}]}");
    serverEnvironment.put("CORRAL_INSECURE_REGISTRIES", host);
    AtomicBoolean userApproves = new AtomicBoolean(false);
    try (Stopping stopping =
        new Stopping(
            client(
                request -> userApproves.get() ? approve() : decline(),
                new CopyOnWriteArrayList<>()))) {
      McpSyncClient client = stopping.client();
      client.initialize();
      assertEquals(
          "loaded plain (1 tools)",
          text(call(client, "load-component", Map.of("path", "oci://" + host + "/tools/plain:1"))));
      assertEquals(List.of(), questions);

      String source = "oci://" + host + "/tools/adder:1";
      CallToolResult declined = call(client, "load-component", Map.of("path", source));
      assertEquals("load-component " + source + ": refused by the user (decline)", text(declined));
      assertFalse(Files.exists(home.resolve("data/corral/components/adder.wasm")));
      assertEquals(1, questions.size());
      List<String> lines =
          questions.get(0).lines().filter(l -> !l.startsWith("  signature: ")).toList();
      assertEquals(
          List.of(
              "Corral: an agent asks to install the component \"adder\".",
              "  component: \"adder\""),
          lines.subList(0, 2));
      assertTrue(
          lines
              .get(2)
              .matches(
                  "  source: \""
                      + java.util.regex.Pattern.quote(source)
                      + "@sha256:[0-9a-f]{64}\""),
          lines.get(2));
      assertEquals(
          List.of(
              "  replaces: nothing (a new install)",
              "  policy: shipped with the component",
              "In force if you approve:",
              "  - network \"example.com\"",
              "  - limits: timeout 30s, memory 256Mi, output 1Mi (the defaults)",
              "Approve?"),
          lines.subList(4, lines.size()));

      userApproves.set(true);
      assertEquals(
          "loaded adder (1 tools)", text(call(client, "load-component", Map.of("path", source))));
      assertTrue(
          Files.readString(home.resolve("data/corral/components/adder.policy.yaml"))
              .contains("example.com"));
      assertEquals(2, questions.size());
    }
  }

  /** Runs {@code corral ARGS} in the test's home directory, with the registry and key password. */
  private void corralInHome(String... args) throws Exception {
    ProcessBuilder builder = McpProcess.corral(home, args);
    builder.environment().put("CORRAL_INSECURE_REGISTRIES", REGISTRY.host());
    builder.environment().put("COSIGN_PASSWORD", "correct horse");
    builder.directory(home.toFile());
    try (McpProcess run = McpProcess.start(builder)) {
      assertEquals(0, run.waitForExit(), String.join(" ", args) + ": " + run.stderr());
    }
  }
}
