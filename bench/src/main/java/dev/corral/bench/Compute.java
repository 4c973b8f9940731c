package dev.corral.bench;

import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.values.StringValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Figure 5: a CPU-bound call, SHA-256 of 1 MiB of text by the compute sample, in Chicory's
 * interpreter and in Chicory's compiler ({@link ComputeBenchmark}, run by JMH), and as the same C
 * file compiled natively with gcc -O2. All three digests must equal the JDK's. Each Corral call
 * includes a fresh instance and copying the 1 MiB argument into it.
 */
final class Compute {
  static final int SIZE = 1 << 20;
  static final String FUNCTION = "corral:compute/text@0.1.0#sha256";

  private Compute() {}

  static Map<String, Object> run(BenchMain.Env env, List<String> table) throws Exception {
    String text = text();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("input_bytes", SIZE);
    r.put("digest", expectedDigest());
    // In process, with JMH (ComputeBenchmark checks the digest before measuring). The interpreter
    // takes about a second a call, so its iterations are longer.
    for (Jmh.Measured m :
        Jmh.run(
            ComputeBenchmark.class,
            new Jmh.Plan(3, 5, 2),
            Map.of("execution", new String[] {"COMPILED"}),
            env.results().resolve("jmh-compute-compiled.json"))) {
      r.put("compiled", m.stats());
    }
    for (Jmh.Measured m :
        Jmh.run(
            ComputeBenchmark.class,
            new Jmh.Plan(1, 3, 5),
            Map.of("execution", new String[] {"INTERPRETED"}),
            env.results().resolve("jmh-compute-interpreted.json"))) {
      r.put("interpreted", m.stats());
    }
    r.put("native_gcc_O2", nativeRun(env, text, expectedDigest()));
    double nat = p50(r, "native_gcc_O2");
    table.add(
        Report.row(
            "Compute: sha256 of 1 MiB, p50",
            "Chicory compiler / interpreter",
            p50(r, "compiled") + " ms / " + p50(r, "interpreted") + " ms",
            "same C, gcc -O2 native",
            nat
                + " ms (compiler "
                + Math.round(p50(r, "compiled") / nat * 10) / 10.0
                + "x native)"));
    return r;
  }

  /** The SHA-256 of {@link #text()}, computed by the JDK. */
  static String expectedDigest() {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String digest(CallResult result) {
    return ((StringValue) result.value().orElseThrow()).value();
  }

  private static Map<String, Object> nativeRun(BenchMain.Env env, String text, String expected)
      throws Exception {
    Path dir = env.work().resolve("native");
    Files.createDirectories(dir);
    Path driver = dir.resolve("native-sha256.c");
    try (InputStream in = Compute.class.getResourceAsStream("native-sha256.c")) {
      Files.write(driver, in.readAllBytes());
    }
    Path exe = dir.resolve("native-sha256");
    Machine.output(
        List.of(
            "gcc",
            "-O2",
            "-Wno-attributes",
            "-I",
            env.root().resolve("sample-tools/compute").toString(),
            "-o",
            exe.toString(),
            driver.toString()));
    Path input = dir.resolve("input.txt");
    Files.writeString(input, text);
    Process p = new ProcessBuilder(exe.toString(), "30").redirectInput(input.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("native-sha256 failed: " + out);
    }
    String[] lines = out.split("\n");
    if (!lines[0].equals(expected)) {
      throw new IOException(
          "native digest " + lines[0] + " differs from the component's " + expected);
    }
    Map<String, Object> m =
        new LinkedHashMap<>(
            Stats.of(JsonMapper.builder().build().readValue(lines[1], long[].class)).toMap());
    m.put("digest", lines[0]);
    return m;
  }

  private static double p50(Map<String, Object> r, String key) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) r.get(key);
    return (double) m.get("p50_ms");
  }

  /** 1 MiB of deterministic ASCII text. */
  static String text() {
    StringBuilder b = new StringBuilder(SIZE);
    String line =
        "The quick brown fox jumps over the lazy dog while corral counts the words 0123456789.\n";
    while (b.length() < SIZE) {
      b.append(line);
    }
    b.setLength(SIZE);
    return b.toString();
  }
}
