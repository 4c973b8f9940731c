package dev.corral.bench;

import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.runtime.CodeCache;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.Execution;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Corral's side of the {@code js} section, run in its own JVM (with the launcher's JIT flags):
 * {@code COMPONENT EXPORT STRING_ARGS_JSON WARMUPS CALLS CODE_CACHE_DIR}. Loads the component with
 * the on-disk code cache, compiles it ahead ({@code compileAhead}), then makes WARMUPS and CALLS
 * calls through {@code SandboxedComponent.call} (a fresh instance each, no capabilities) and prints
 * the same JSON as {@code wasmtime-fresh-instance.py}: the load and compile times and every
 * measured call's wall time.
 */
public final class JsFreshInstance {
  private JsFreshInstance() {}

  public static void main(String[] args) throws Exception {
    byte[] bytes = Files.readAllBytes(Path.of(args[0]));
    String export = args[1];
    List<Value> arguments = new ArrayList<>();
    for (String s : JsonMapper.builder().build().readValue(args[2], String[].class)) {
      arguments.add(new StringValue(s));
    }
    int warmups = Integer.parseInt(args[3]);
    int calls = Integer.parseInt(args[4]);
    long started = System.nanoTime();
    SandboxedComponent tool =
        SandboxedComponent.of(
            CompiledComponent.compile(bytes, Execution.TIERED, CodeCache.onDisk(Path.of(args[5]))));
    double loadMs = (System.nanoTime() - started) / 1e6;
    tool.compiled().compileAhead();
    double compileMs = (System.nanoTime() - started) / 1e6 - loadMs;
    String first =
        String.valueOf(tool.call(export, arguments, Capabilities.none()).value().orElse(null));
    for (int i = 0; i < warmups; i++) {
      tool.call(export, arguments, Capabilities.none());
    }
    double[] samples = new double[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      tool.call(export, arguments, Capabilities.none());
      samples[i] = (System.nanoTime() - t0) / 1e6;
    }
    System.out.println(
        JsonMapper.builder()
            .build()
            .writeValueAsString(
                Map.of(
                    "load_ms",
                    loadMs,
                    "compile_ms",
                    compileMs,
                    "samples_ms",
                    samples,
                    "first_result",
                    first.substring(0, Math.min(200, first.length())))));
  }
}
