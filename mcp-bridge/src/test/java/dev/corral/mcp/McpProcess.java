package dev.corral.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real {@code corral} server process started from the built jar, spoken to over its stdin and
 * stdout as an MCP client would. Every stdout line is kept, so tests can check it carried only
 * JSON-RPC.
 */
final class McpProcess implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long WAIT_SECONDS = 60;

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
  private final List<String> allStdout = new ArrayList<>();
  private final Path stderrFile;
  private int nextId = 1;

  private McpProcess(Process process, Path stderrFile) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.stderrFile = stderrFile;
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  synchronized (allStdout) {
                    allStdout.add(line);
                  }
                  stdoutLines.add(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
  }

  /**
   * Starts {@code java -jar corral.jar ARGS} with its own empty data and config directories, so
   * nothing installed on this machine leaks into the test.
   */
  static McpProcess start(String... args) throws IOException {
    return start(corral(Files.createTempDirectory("corral-home"), args));
  }

  /** {@code java -jar corral.jar ARGS} with XDG data, config and cache under {@code home}. */
  static ProcessBuilder corral(Path home, String... args) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
    builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
    return builder;
  }

  /** Starts {@code builder}'s command, keeping its stderr in a file. */
  static McpProcess start(ProcessBuilder builder) throws IOException {
    Path stderr = Files.createTempFile("corral-stderr", ".log");
    return new McpProcess(builder.redirectError(stderr.toFile()).start(), stderr);
  }

  static Path jar() {
    return Path.of(System.getProperty("corral.jar", "target/corral.jar")).toAbsolutePath();
  }

  /** The repository's root (where build-tools/ lives). */
  static Path repository() {
    return Path.of(System.getProperty("corral.repo", "..")).toAbsolutePath().normalize();
  }

  /**
   * A process running an npm tool pinned in build-tools/ (installed by scripts/install-toolchains),
   * with build-tools' Node 22 first on the PATH.
   */
  static ProcessBuilder npmTool(String tool, String... args) {
    Path bin = repository().resolve("build-tools/node_modules/.bin");
    if (!Files.isExecutable(bin.resolve(tool))) {
      throw new AssertionError(bin.resolve(tool) + " is missing: run scripts/install-toolchains");
    }
    List<String> command = new ArrayList<>(List.of(bin.resolve(tool).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
    return builder;
  }

  static String javaExecutable() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  static Path testComponent(String name) {
    return Path.of("src/test/resources/components", name).toAbsolutePath();
  }

  /** The names of the listed tools that come from components (not Corral's built-in tools). */
  List<String> componentToolNames() throws Exception {
    List<String> names = new ArrayList<>();
    request("tools/list", null).get("tools").forEach(t -> names.add(t.get("name").asString()));
    names.removeAll(dev.corral.mcp.server.ManagementTools.NAMES);
    return names;
  }

  /** Sends initialize and notifications/initialized; returns the initialize result. */
  JsonNode initialize() throws Exception {
    ObjectNode params = JSON.createObjectNode();
    params.put("protocolVersion", "2025-06-18");
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "corral-test").put("version", "1");
    JsonNode result = request("initialize", params);
    notify("notifications/initialized");
    return result;
  }

  /** Sends a request and returns its whole response (with {@code result} or {@code error}). */
  JsonNode requestRaw(String method, JsonNode params) throws Exception {
    int id = nextId++;
    ObjectNode message = JSON.createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    send(JSON.writeValueAsString(message));
    while (true) {
      JsonNode reply = JSON.readTree(nextLine());
      if (reply.path("id").isNumber() && reply.path("id").asInt() == id) {
        return reply;
      }
    }
  }

  /** Sends a request and returns its result, failing on an error reply. */
  JsonNode request(String method, JsonNode params) throws Exception {
    JsonNode reply = requestRaw(method, params);
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.get("result");
  }

  /** tools/call with JSON arguments; returns the call result. */
  JsonNode callTool(String name, String argumentsJson) throws Exception {
    ObjectNode params = JSON.createObjectNode();
    params.put("name", name);
    params.set("arguments", JSON.readTree(argumentsJson));
    return request("tools/call", params);
  }

  void notify(String method) throws IOException {
    send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}");
  }

  /** Writes one raw line to the server's stdin. */
  void send(String line) throws IOException {
    sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Writes raw bytes to the server's stdin. */
  void sendBytes(byte[] bytes) throws IOException {
    stdin.write(bytes);
    stdin.flush();
  }

  /** The next stdout line, or null if none comes within {@code millis}. */
  String pollLine(long millis) throws InterruptedException {
    return stdoutLines.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** The next stdout line, waiting for it. */
  String nextLine() throws InterruptedException {
    String line = stdoutLines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError(
          "no reply from the server within " + WAIT_SECONDS + " s; stderr:\n" + stderr());
    }
    return line;
  }

  /** Closes stdin and waits for the process to exit; returns its exit status. */
  int closeAndWait() throws Exception {
    stdin.close();
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the server did not exit after stdin closed");
    }
    return process.exitValue();
  }

  /** Waits for the process to exit by itself; returns its exit status. */
  int waitForExit() throws Exception {
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the server did not exit");
    }
    return process.exitValue();
  }

  /** Waits for a stderr line matching {@code pattern}; returns its match. */
  java.util.regex.Matcher awaitStderr(java.util.regex.Pattern pattern) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      for (String line : stderr().lines().toList()) {
        java.util.regex.Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          return matcher;
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no stderr line matching " + pattern + "; stderr:\n" + stderr());
  }

  List<String> stdoutSoFar() {
    synchronized (allStdout) {
      return List.copyOf(allStdout);
    }
  }

  String stderr() {
    try {
      return Files.readString(stderrFile);
    } catch (IOException e) {
      return "(stderr unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    try {
      // wait, so that a test's temporary directories are not deleted while the server still runs
      process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(stderrFile);
  }
}
