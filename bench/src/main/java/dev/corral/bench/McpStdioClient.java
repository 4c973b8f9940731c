package dev.corral.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** An MCP client over a child process's stdin/stdout (newline-delimited JSON-RPC). */
final class McpStdioClient implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final OutputStream in;
  private final BufferedReader out;
  private int nextId = 1;

  private McpStdioClient(Process process) {
    this.process = process;
    this.in = process.getOutputStream();
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts {@code command}; its stderr goes to {@code stderrLog}. */
  static McpStdioClient start(List<String> command, Map<String, String> env, Path stderrLog)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderrLog.toFile());
    pb.environment().putAll(env);
    return new McpStdioClient(pb.start());
  }

  long pid() {
    return process.pid();
  }

  /** initialize + notifications/initialized. */
  void initialize() throws IOException {
    request(
        "initialize",
        Map.of(
            "protocolVersion",
            "2025-06-18",
            "capabilities",
            Map.of(),
            "clientInfo",
            Map.of("name", "corral-bench", "version", "0")));
    send(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
  }

  /** Sends a request and returns its {@code result}; throws on a JSON-RPC error. */
  @SuppressWarnings("unchecked")
  Map<String, Object> request(String method, Map<String, Object> params) throws IOException {
    int id = nextId++;
    send(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
    while (true) {
      String line = out.readLine();
      if (line == null) {
        throw new IOException(
            "the server closed stdout (exit " + exitCode() + ") waiting for " + method);
      }
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> message = JSON.readValue(line, Map.class);
      if (!Integer.valueOf(id).equals(message.get("id"))) {
        continue; // a notification or a server-to-client request
      }
      if (message.containsKey("error")) {
        throw new IOException(method + " failed: " + message.get("error"));
      }
      return (Map<String, Object>) message.get("result");
    }
  }

  /** Calls a tool; throws if the result is an error. */
  Map<String, Object> callTool(String name, Map<String, Object> arguments) throws IOException {
    Map<String, Object> result =
        request("tools/call", Map.of("name", name, "arguments", arguments));
    if (Boolean.TRUE.equals(result.get("isError"))) {
      throw new IOException("tool " + name + " failed: " + result.get("content"));
    }
    return result;
  }

  private void send(Map<String, Object> message) throws IOException {
    in.write(JSON.writeValueAsBytes(message));
    in.write('\n');
    in.flush();
  }

  private String exitCode() {
    return process.isAlive() ? "still running" : String.valueOf(process.exitValue());
  }

  @Override
  public void close() throws InterruptedException {
    try {
      in.close();
    } catch (IOException ignored) {
      // the process is going away anyway
    }
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
