package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.samples.SampleTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load over Streamable HTTP: 64 concurrent MCP clients (the SDK's client, each its own session,
 * ended with {@code DELETE /mcp}) send 10,000 {@code tools/call} requests to the real server on
 * loopback, twice. Every call must return the exact SHA-256 of its own text (no failures, no
 * mixed-up replies). Each client sends a fixed number of requests (bounded loops, a 60 s timeout
 * per request).
 *
 * <p>Growth is measured from {@code /proc/PID/status} ({@code Threads:}, {@code VmRSS:}) and the
 * heap in use after a full GC ({@code jcmd PID GC.run}, {@code GC.heap_info}), after a warm-up
 * round at the same concurrency and after each load round, with the server idle for 32 s (past the
 * 30 s idle timeout of the rounds' keep-alive connections). Tolerances: threads within {@value
 * #THREAD_TOLERANCE} of the warm baseline; from the first load round to the second, RSS within
 * {@value #RSS_TOLERANCE_PERCENT}% and live heap within {@value #HEAP_TOLERANCE_MIB} MiB. The
 * figures are written to {@code target/http-load-figures.txt}.
 */
class HttpLoadIT {
  private static final Pattern SERVING =
      Pattern.compile("serving \\d+ tool\\(s\\) at (http://127\\.0\\.0\\.1:\\d+)/mcp");
  private static final int CLIENTS = 64;
  private static final int CALLS = 10_000;
  private static final int WARM_UP_CALLS = 1_024;
  private static final int THREAD_TOLERANCE = 8;
  private static final int RSS_TOLERANCE_PERCENT = 10;
  private static final int HEAP_TOLERANCE_MIB = 8;
  private static final String TOOL = ComputeSample.SHA256_TOOL;
  private static final long IDLE_MILLIS = 32_000;

  @TempDir Path dir;

  /** What one look at the server process found. */
  record Footprint(int threads, long rssKib, long liveHeapKib, List<String> threadNames) {
    @Override
    public String toString() {
      return "threads="
          + threads
          + " rss="
          + rssKib / 1024
          + "MiB liveHeap="
          + liveHeapKib / 1024
          + "MiB";
    }
  }

  @Test
  void tenThousandCallsFromSixtyFourClientsAllSucceedWithoutGrowth() throws Exception {
    Path wasm = dir.resolve("compute.wasm");
    Files.write(wasm, SampleTools.find("compute").get().wasm());
    ProcessBuilder builder =
        McpProcess.corral(
            dir,
            "serve",
            "--http",
            "--no-auth",
            "--listen",
            "127.0.0.1:0",
            "--component",
            wasm.toString());
    // A fixed, pre-touched heap, so RSS changes are native memory (the heap is measured after GC),
    // and a fixed number of JIT and GC threads, so thread counts are the server's own.
    builder
        .environment()
        .put(
            "JAVA_TOOL_OPTIONS",
            "-Xms256m -Xmx256m -XX:+AlwaysPreTouch"
                + " -XX:-UseDynamicNumberOfCompilerThreads -XX:-UseDynamicNumberOfGCThreads");
    try (McpProcess server = McpProcess.start(builder)) {
      String base = server.awaitStderr(SERVING).group(1);
      long pid = serverPid(server);
      List<String> figures = new ArrayList<>();

      long start = System.nanoTime();
      round(base, WARM_UP_CALLS, "warm");
      Footprint warm = footprint(pid);
      figures.add("warm-up (" + WARM_UP_CALLS + " calls): " + warm);

      long first = round(base, CALLS, "one");
      Footprint afterFirst = footprint(pid);
      figures.add("round 1 (" + CALLS + " calls, " + first + " ms): " + afterFirst);

      long second = round(base, CALLS, "two");
      Footprint afterSecond = footprint(pid);
      figures.add("round 2 (" + CALLS + " calls, " + second + " ms): " + afterSecond);
      figures.add("threads at warm-up: " + warm.threadNames());
      figures.add("threads after round 2: " + afterSecond.threadNames());
      figures.add("total " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
      Path report = Path.of("target/http-load-figures.txt");
      Files.createDirectories(report.getParent());
      Files.writeString(report, String.join("\n", figures) + "\n");

      String summary = String.join("; ", figures);
      assertTrue(afterFirst.threads() <= warm.threads() + THREAD_TOLERANCE, summary);
      assertTrue(afterSecond.threads() <= warm.threads() + THREAD_TOLERANCE, summary);
      assertTrue(
          afterSecond.rssKib() * 100 <= afterFirst.rssKib() * (100 + RSS_TOLERANCE_PERCENT),
          summary);
      assertTrue(
          afterSecond.liveHeapKib() <= afterFirst.liveHeapKib() + HEAP_TOLERANCE_MIB * 1024L,
          summary);
      assertTrue(
          server.stderr().lines().noneMatch(line -> line.contains("Exception")), server.stderr());
    }
  }

  /**
   * {@code calls} tool calls spread over {@link #CLIENTS} fresh clients, each checked against the
   * SHA-256 of its own text; returns the wall time in milliseconds.
   */
  private static long round(String base, int calls, String label) throws Exception {
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger succeeded = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        int share = calls / CLIENTS + (c < calls % CLIENTS ? 1 : 0);
        running.add(
            clients.submit(
                () -> {
                  McpSyncClient mcp =
                      McpClient.sync(
                              HttpClientStreamableHttpTransport.builder(base)
                                  .endpoint("/mcp")
                                  .build())
                          .requestTimeout(Duration.ofSeconds(60))
                          .build();
                  try {
                    mcp.initialize();
                    for (int i = 0; i < share; i++) {
                      String text = label + "-" + client + "-" + i;
                      try {
                        McpSchema.CallToolResult result =
                            mcp.callTool(new McpSchema.CallToolRequest(TOOL, Map.of("text", text)));
                        if (!Boolean.FALSE.equals(result.isError())
                            || !Map.of("result", ComputeSample.sha256(text))
                                .equals(result.structuredContent())) {
                          failures.add(text + ": " + result);
                        } else {
                          succeeded.incrementAndGet();
                        }
                      } catch (RuntimeException e) {
                        failures.add(text + ": " + e);
                      }
                    }
                  } catch (RuntimeException e) {
                    failures.add("client " + client + ": " + e);
                  } finally {
                    // ends the session with DELETE /mcp and waits for it (close() alone does not
                    // wait)
                    if (!mcp.closeGracefully()) {
                      failures.add("client " + client + ": the session did not close");
                    }
                  }
                }));
      }
      for (Future<?> client : running) {
        client.get(5, TimeUnit.MINUTES);
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(
        List.of(),
        failures.stream().limit(10).toList(),
        failures.size() + " failures in round " + label);
    assertEquals(calls, succeeded.get());
    return millis;
  }

  /** The server's pid: the JVM child of this test started from the jar. */
  private static long serverPid(McpProcess server) {
    return ProcessHandle.current()
        .children()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> List.of(a).contains(McpProcess.jar().toString()))
                    .orElse(false))
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--no-auth")).orElse(false))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("server process not found; stderr:\n" + server.stderr()))
        .pid();
  }

  /** Threads and RSS from /proc after the server settles, and the heap in use after a full GC. */
  private static Footprint footprint(long pid) throws Exception {
    // Idle past the connections' idle timeouts (Jetty's and the JDK client's, 30 s each): the
    // clients of a round are gone, but their keep-alive connections and buffers live that long.
    Thread.sleep(IDLE_MILLIS);
    jcmd(pid, "GC.run");
    Thread.sleep(2_000);
    String status = Files.readString(Path.of("/proc/" + pid + "/status"));
    List<String> names = new ArrayList<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        names.add(Files.readString(task.resolve("comm")).strip());
      }
    }
    names.sort(null);
    return new Footprint(
        (int) statusField(status, "Threads"),
        statusField(status, "VmRSS"),
        liveHeapKib(pid),
        names);
  }

  private static long statusField(String status, String name) {
    Matcher matcher = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
    if (!matcher.find()) {
      throw new AssertionError("no " + name + " in /proc status:\n" + status);
    }
    return Long.parseLong(matcher.group(1));
  }

  /** The "used" figure of {@code jcmd PID GC.heap_info}'s first heap line, in KiB. */
  private static long liveHeapKib(long pid) throws Exception {
    String info = jcmd(pid, "GC.heap_info");
    Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
    if (!used.find()) {
      throw new AssertionError("no heap figure in jcmd output:\n" + info);
    }
    return Long.parseLong(used.group(1));
  }

  private static String jcmd(long pid, String command) throws Exception {
    Path jcmd = Path.of(McpProcess.javaExecutable()).resolveSibling("jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("jcmd " + command + " failed:\n" + output);
    }
    return output;
  }
}
