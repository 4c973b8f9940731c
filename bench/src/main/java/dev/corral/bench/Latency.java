package dev.corral.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Figure 2: per-call latency (p50/p99), every call in a fresh instance. The C tool ({@code compute}
 * sha256 of a short string) and the Rust filesystem tool ({@code read-file} of a 2.5 KB file),
 * measured: in process (sandbox API, compiled and interpreted; {@link ToolCallBenchmark} run by
 * JMH), through {@code corral serve} over stdio, through the Node filesystem server over stdio, and
 * as the same component transpiled with {@code jco transpile} and instantiated per call in Node
 * (V8).
 */
final class Latency {
  static final int WARMUP = 50;
  static final int RUNS = 300;

  /** Calls before a server over stdio is measured: its JIT needs a few thousand to settle. */
  static final int STDIO_WARMUP = 3_000;

  /** The first calls of a fresh server, measured separately (what a short agent session sees). */
  static final int FIRST_CALLS = 100;

  static final String FILE = "/usr/share/doc/bash/RBASH";
  static final String TEXT = "hello, corral";

  private Latency() {}

  static Map<String, Object> run(BenchMain.Env env, List<String> table) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    // In process, with JMH: every (tool, execution) pair, each call in a fresh instance.
    for (Jmh.Measured m :
        Jmh.run(
            ToolCallBenchmark.class,
            new Jmh.Plan(3, 5, 2),
            Map.of(),
            env.results().resolve("jmh-latency.json"))) {
      r.put(
          "in_process_" + m.params().get("tool") + "_" + m.params().get("execution").toLowerCase(),
          m.stats());
    }
    // Over stdio.
    try (McpStdioClient corral =
        McpStdioClient.start(
            env.launcher(), env.corralEnv(), env.work().resolve("latency-corral.log"))) {
      corral.initialize();
      List<String> names = toolNames(corral);
      String sha = names.stream().filter(n -> n.endsWith("sha256")).findFirst().orElseThrow();
      String read =
          names.stream()
              .filter(n -> n.replace('_', '-').endsWith("read-file"))
              .findFirst()
              .orElseThrow();
      r.put("corral_stdio_compute_first", firstCalls(corral, sha, Map.of("text", TEXT)).toMap());
      r.put("corral_stdio_compute", overStdio(corral, sha, Map.of("text", TEXT)).toMap());
      r.put("corral_stdio_filesystem", overStdio(corral, read, Map.of("path", FILE)).toMap());
    }
    try (McpStdioClient node =
        McpStdioClient.start(
            env.nodeFs("/usr/share/doc"), Map.of(), env.work().resolve("latency-node.log"))) {
      node.initialize();
      r.put(
          "node_stdio_filesystem_first",
          firstCalls(node, "read_text_file", Map.of("path", FILE)).toMap());
      r.put(
          "node_stdio_filesystem", overStdio(node, "read_text_file", Map.of("path", FILE)).toMap());
    }
    // jco transpile, in Node.
    r.put("jco_compute", jco(env, "compute", env.computeWasm(), "text", "sha256", TEXT, ""));
    r.put(
        "jco_filesystem",
        jco(env, "filesystem", env.filesystemWasm(), "fs", "read-file", FILE, "/usr/share/doc"));

    table.add(
        Report.row(
            "C tool call (compute sha256), fresh instance, p50 / p99",
            "Corral in-process (compiled)",
            pair(r, "in_process_compute_compiled"),
            "jco transpile in Node (V8)",
            pair(r, "jco_compute")));
    table.add(
        Report.row(
            "C tool call, interpreter vs compiler, p50 / p99",
            "Corral in-process (compiled)",
            pair(r, "in_process_compute_compiled"),
            "Corral in-process (interpreted)",
            pair(r, "in_process_compute_interpreted")));
    table.add(
        Report.row(
            "Rust filesystem read-file, fresh instance, p50 / p99",
            "Corral in-process (compiled)",
            pair(r, "in_process_filesystem_compiled"),
            "jco transpile in Node (V8)",
            pair(r, "jco_filesystem")));
    table.add(
        Report.row(
            "Read a file over MCP stdio (tools/call round trip), p50 / p99",
            "corral serve, filesystem sample",
            pair(r, "corral_stdio_filesystem"),
            "Node filesystem server, read_text_file",
            pair(r, "node_stdio_filesystem")));
    table.add(
        Report.row(
            "C tool over MCP stdio, p50 / p99",
            "corral serve, compute sha256",
            pair(r, "corral_stdio_compute"),
            "-",
            "-"));
    table.add(
        Report.row(
            "The first " + FIRST_CALLS + " calls of a fresh server over stdio, p50 / p99",
            "corral serve, compute sha256",
            pair(r, "corral_stdio_compute_first"),
            "Node filesystem server, read_text_file",
            pair(r, "node_stdio_filesystem_first")));
    return r;
  }

  /** Steady state: {@link #RUNS} round trips after {@link #STDIO_WARMUP} unmeasured ones. */
  private static Stats overStdio(McpStdioClient client, String tool, Map<String, Object> args)
      throws Exception {
    for (int i = 0; i < STDIO_WARMUP; i++) {
      client.callTool(tool, args);
    }
    return roundTrips(client, tool, args, RUNS);
  }

  /** The first {@link #FIRST_CALLS} round trips of a server that has only answered tools/list. */
  private static Stats firstCalls(McpStdioClient client, String tool, Map<String, Object> args)
      throws Exception {
    return roundTrips(client, tool, args, FIRST_CALLS);
  }

  private static Stats roundTrips(
      McpStdioClient client, String tool, Map<String, Object> args, int count) throws Exception {
    long[] t = new long[count];
    for (int i = 0; i < count; i++) {
      long s = System.nanoTime();
      client.callTool(tool, args);
      t[i] = System.nanoTime() - s;
    }
    return Stats.of(t);
  }

  @SuppressWarnings("unchecked")
  static List<String> toolNames(McpStdioClient client) throws Exception {
    List<String> names = new ArrayList<>();
    for (Object t : (List<Object>) client.request("tools/list", Map.of()).get("tools")) {
      names.add((String) ((Map<String, Object>) t).get("name"));
    }
    return names;
  }

  private static Map<String, Object> jco(
      BenchMain.Env env,
      String name,
      byte[] wasm,
      String iface,
      String func,
      String arg,
      String preopen)
      throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    try {
      Path dir = env.root().resolve("build-tools/node_modules/.corral-bench-jco/" + name);
      Files.createDirectories(dir);
      Path component = dir.resolve(name + ".wasm");
      // jco 1.35 cannot read the samples' package-docs section ("missing world"); it is only docs.
      Files.write(component, withoutCustomSection(wasm, "package-docs"));
      Machine.output(
          List.of(
              env.node().toString(),
              env.jco().toString(),
              "transpile",
              component.toString(),
              "--instantiation",
              "async",
              "--name",
              name,
              "-q",
              "-o",
              dir.toString()));
      Path script = dir.resolve("jco-latency.mjs");
      try (InputStream in = Latency.class.getResourceAsStream("jco-latency.mjs")) {
        Files.write(script, in.readAllBytes());
      }
      String out =
          Machine.output(
              List.of(
                  env.node().toString(),
                  script.toString(),
                  dir.toString(),
                  name,
                  iface,
                  func,
                  arg,
                  String.valueOf(WARMUP),
                  String.valueOf(RUNS),
                  preopen));
      long[] nanos = JsonMapper.builder().build().readValue(out, long[].class);
      r.putAll(Stats.of(nanos).toMap());
    } catch (Exception e) {
      r.put("error", e.getMessage());
    }
    return r;
  }

  /** {@code wasm} without its top-level custom sections named {@code name}. */
  static byte[] withoutCustomSection(byte[] wasm, String name) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(wasm, 0, 8);
    int i = 8;
    while (i < wasm.length) {
      int id = wasm[i] & 0xff;
      int[] size = leb(wasm, i + 1);
      int end = size[1] + size[0];
      boolean drop = false;
      if (id == 0) {
        int[] n = leb(wasm, size[1]);
        drop = new String(wasm, n[1], n[0], java.nio.charset.StandardCharsets.UTF_8).equals(name);
      }
      if (!drop) {
        out.write(wasm, i, end - i);
      }
      i = end;
    }
    return out.toByteArray();
  }

  /** An unsigned LEB128 at {@code at}: {value, offset after it}. */
  private static int[] leb(byte[] b, int at) {
    int value = 0;
    int shift = 0;
    while (true) {
      int x = b[at++] & 0xff;
      value |= (x & 0x7f) << shift;
      shift += 7;
      if (x < 0x80) {
        return new int[] {value, at};
      }
    }
  }

  static String pair(Map<String, Object> r, String key) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) r.get(key);
    if (m == null || m.containsKey("error")) {
      return "failed" + (m == null ? "" : ": " + m.get("error"));
    }
    return m.get("p50_ms") + " / " + m.get("p99_ms") + " ms";
  }
}
