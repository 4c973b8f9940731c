package dev.corral.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Figure 3: tools/call per second over Streamable HTTP with 1, 8 and 64 concurrent clients (each
 * its own MCP session, calling compute sha256 back to back for a fixed time). Any error fails the
 * figure: an HTTP status other than 200, a JSON-RPC error or a tool result with isError.
 */
final class HttpThroughput {
  static final int[] CLIENTS = {1, 8, 64};
  static final Duration WARMUP = Duration.ofSeconds(3);
  static final Duration MEASURE = Duration.ofSeconds(10);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern URL = Pattern.compile("(http://\\S+/mcp)");

  private HttpThroughput() {}

  static Map<String, Object> run(BenchMain.Env env, List<String> table) throws Exception {
    Path log = env.work().resolve("http-corral.log");
    ProcessBuilder pb =
        new ProcessBuilder(env.corral("--http", "--no-auth", "--listen", "127.0.0.1:0"))
            .redirectError(log.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env.corralEnv());
    Process server = pb.start();
    Map<String, Object> r = new LinkedHashMap<>();
    try {
      URI url = awaitUrl(server, log);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String tool = new Session(http, url).open().toolEndingWith("sha256");
      for (int clients : CLIENTS) {
        run(http, url, tool, clients, WARMUP);
        Map<String, Object> m = run(http, url, tool, clients, MEASURE);
        r.put("clients_" + clients, m);
        table.add(
            Report.row(
                "Streamable HTTP throughput, " + clients + " client(s), compute sha256",
                "corral serve --http",
                m.get("calls_per_second") + " calls/s, " + m.get("errors") + " errors",
                "-",
                "-"));
      }
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
    return r;
  }

  private static Map<String, Object> run(
      HttpClient http, URI url, String tool, int clients, Duration duration) throws Exception {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      sessions.add(new Session(http, url).open());
    }
    long deadline = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (Session s : sessions) {
      futures.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < deadline) {
                  try {
                    s.callTool(tool, Map.of("text", "hello, corral"));
                    ok.incrementAndGet();
                  } catch (Exception e) {
                    errors.incrementAndGet();
                    if (firstErrors.size() < 3) {
                      firstErrors.add(e.toString());
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clients", clients);
    m.put("seconds", Math.round(seconds * 100) / 100.0);
    m.put("calls", ok.get());
    m.put("errors", errors.get());
    m.put("calls_per_second", Math.round(ok.get() / seconds));
    if (!firstErrors.isEmpty()) {
      m.put("first_errors", firstErrors);
    }
    return m;
  }

  private static URI awaitUrl(Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher m = URL.matcher(Files.readString(log));
        if (m.find()) {
          return URI.create(m.group(1));
        }
      }
      if (!server.isAlive()) {
        throw new IOException("corral serve --http exited: " + Files.readString(log));
      }
      Thread.sleep(20);
    }
    throw new IOException("corral serve --http printed no URL within 60 s");
  }

  /** One MCP session over Streamable HTTP. */
  static final class Session {
    private final HttpClient http;
    private final URI url;
    private String sessionId;
    private int nextId = 1;

    Session(HttpClient http, URI url) {
      this.http = http;
      this.url = url;
    }

    Session open() throws Exception {
      post(
          Map.of(
              "jsonrpc",
              "2.0",
              "id",
              nextId++,
              "method",
              "initialize",
              "params",
              Map.of(
                  "protocolVersion",
                  "2025-06-18",
                  "capabilities",
                  Map.of(),
                  "clientInfo",
                  Map.of("name", "corral-bench", "version", "0"))));
      post(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
      return this;
    }

    @SuppressWarnings("unchecked")
    String toolEndingWith(String suffix) throws Exception {
      Map<String, Object> result =
          post(
              Map.of("jsonrpc", "2.0", "id", nextId++, "method", "tools/list", "params", Map.of()));
      for (Object t : (List<Object>) result.get("tools")) {
        String name = (String) ((Map<String, Object>) t).get("name");
        if (name.endsWith(suffix)) {
          return name;
        }
      }
      throw new IOException("no tool ending with " + suffix);
    }

    void callTool(String name, Map<String, Object> arguments) throws Exception {
      Map<String, Object> result =
          post(
              Map.of(
                  "jsonrpc",
                  "2.0",
                  "id",
                  nextId++,
                  "method",
                  "tools/call",
                  "params",
                  Map.of("name", name, "arguments", arguments)));
      if (Boolean.TRUE.equals(result.get("isError"))) {
        throw new IOException("tool error: " + result.get("content"));
      }
    }

    /** Posts a message; returns the response's result (null for a notification). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> post(Map<String, Object> message) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(url)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .header("MCP-Protocol-Version", "2025-06-18")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message)));
      if (sessionId != null) {
        b.header("Mcp-Session-Id", sessionId);
      }
      HttpResponse<java.io.InputStream> response =
          http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
      String body;
      try (java.io.InputStream in = response.body()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!message.containsKey("id")) {
        if (response.statusCode() / 100 != 2) {
          throw new IOException("HTTP " + response.statusCode() + " for a notification: " + body);
        }
        return null;
      }
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode() + ": " + body);
      }
      String json =
          response.headers().firstValue("Content-Type").orElse("").contains("event-stream")
              ? lastData(body)
              : body;
      Map<String, Object> reply = JSON.readValue(json, Map.class);
      if (reply.containsKey("error")) {
        throw new IOException("JSON-RPC error: " + reply.get("error"));
      }
      return (Map<String, Object>) reply.get("result");
    }

    private static String lastData(String sse) throws IOException {
      String data = null;
      try (BufferedReader r = new BufferedReader(new java.io.StringReader(sse))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("data:")) {
            data = line.substring(5).trim();
          }
        }
      }
      if (data == null) {
        throw new IOException("an event stream without data: " + sse);
      }
      return data;
    }
  }
}
