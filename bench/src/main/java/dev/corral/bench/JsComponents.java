package dev.corral.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code js} section: a JavaScript component ({@code jco componentize}: StarlingMonkey, ~12 MB
 * of Wasm) called in a fresh instance, by Corral in process ({@link JsFreshInstance}, its own JVM)
 * and by wasmtime 49 through its Python API ({@code wasmtime-fresh-instance.py} in
 * build-tools/wasmtime-venv), one after the other, each with its compiled code cached first.
 * Components: Wassette's {@code time-server-js} and, when built ({@code sample-tools/build.sh}),
 * Corral's {@code time} sample.
 */
final class JsComponents {
  private static final int WARMUPS = 20;
  private static final int CALLS = 60;

  private record Tool(String name, Path wasm, String export, String argsJson) {}

  private JsComponents() {}

  static Map<String, Object> run(BenchMain.Env env, List<String> table) throws Exception {
    Path dir = env.work().resolve("js");
    Files.createDirectories(dir);
    List<Tool> tools = new ArrayList<>();
    Path timeServer = dir.resolve("time-server-js.wasm");
    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(
                env.root().resolve("../shared/components/wassette/time-server-js.wasm.gz")))) {
      Files.write(timeServer, in.readAllBytes());
    }
    tools.add(
        new Tool("time-server-js", timeServer, "local:time-server/time#get-current-time", "[]"));
    Path timeSample = env.root().resolve("sample-tools/target/js-samples/time.wasm");
    if (Files.isRegularFile(timeSample)) {
      tools.add(
          new Tool(
              "time (sample)", timeSample, "corral:time/clock@0.1.0#now", "[\"Europe/Paris\"]"));
    } else {
      BenchMain.log(
          "js: "
              + timeSample
              + " is missing (sample-tools/build.sh builds it); measuring without it");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    for (Tool tool : tools) {
      Map<String, Object> m = new LinkedHashMap<>();
      JsonNode corral = runJson(env, corralCommand(env, tool, dir), "corral");
      JsonNode wasmtime = runJson(env, wasmtimeCommand(env, tool, dir), "wasmtime");
      m.put("corral_in_process", summary(corral));
      m.put("wasmtime_49", summary(wasmtime));
      r.put(tool.name(), m);
      table.add(
          Report.row(
              "JS tool " + tool.name() + ": fresh instance + call, p50 / p99",
              "Corral in process (compiled, code cached)",
              p(corral),
              "wasmtime 49 (Python API), fresh Store",
              p(wasmtime)));
    }
    return r;
  }

  private static List<String> corralCommand(BenchMain.Env env, Tool tool, Path dir) {
    return List.of(
        env.java().toString(),
        "-Xss64m",
        "-XX:-DontCompileHugeMethods",
        "-cp",
        System.getProperty("java.class.path"),
        JsFreshInstance.class.getName(),
        tool.wasm().toString(),
        tool.export(),
        tool.argsJson(),
        String.valueOf(WARMUPS),
        String.valueOf(CALLS),
        dir.resolve("corral-code-cache").toString());
  }

  private static List<String> wasmtimeCommand(BenchMain.Env env, Tool tool, Path dir)
      throws IOException {
    Path python = env.root().resolve("build-tools/wasmtime-venv/bin/python");
    if (!Files.isExecutable(python)) {
      throw new IOException(python + " is missing: run scripts/install-toolchains");
    }
    Path script = dir.resolve("wasmtime-fresh-instance.py");
    try (InputStream in = JsComponents.class.getResourceAsStream("wasmtime-fresh-instance.py")) {
      Files.write(script, in.readAllBytes());
    }
    return List.of(
        python.toString(),
        script.toString(),
        tool.wasm().toString(),
        tool.export(),
        tool.argsJson(),
        String.valueOf(WARMUPS),
        String.valueOf(CALLS),
        dir.resolve(tool.wasm().getFileName() + ".cwasm").toString());
  }

  /**
   * Runs {@code command} twice (the first run fills the code caches) and parses the second's JSON.
   */
  private static JsonNode runJson(BenchMain.Env env, List<String> command, String what)
      throws Exception {
    JsonNode result = null;
    for (int run = 0; run < 2; run++) {
      Process p =
          new ProcessBuilder(command)
              .redirectError(env.work().resolve("js-" + what + ".log").toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException(
            what
                + " failed ("
                + command
                + "): "
                + out
                + "; see "
                + env.work().resolve("js-" + what + ".log"));
      }
      result = JsonMapper.builder().build().readTree(out);
    }
    return result;
  }

  private static Map<String, Object> summary(JsonNode run) {
    JsonNode samples = run.get("samples_ms");
    long[] nanos = new long[samples.size()];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = Math.round(samples.get(i).asDouble() * 1e6);
    }
    Map<String, Object> m = new LinkedHashMap<>(Stats.of(nanos).toMap());
    m.put("compile_or_load_ms", run.get("compile_ms").asDouble());
    m.put("first_result", run.get("first_result").asString());
    return m;
  }

  private static String p(JsonNode run) {
    Map<String, Object> m = summary(run);
    return m.get("p50_ms") + " / " + m.get("p99_ms") + " ms";
  }
}
