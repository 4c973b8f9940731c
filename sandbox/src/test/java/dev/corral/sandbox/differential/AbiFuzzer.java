package dev.corral.sandbox.differential;

import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.values.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Differential fuzzing of the canonical ABI: for a seed, random signatures ({@link RandomTypes}),
 * an echo component for them ({@link EchoComponent}, assembled with {@code jco parse}) and random
 * values, run under Corral and under wasmtime. Each call must give, on both runtimes, exactly the
 * expected answer: the import received the arguments the host passed to the export, and the export
 * returned the value the import answered.
 */
final class AbiFuzzer {
  static final int FUNCTIONS = 3;
  static final int CALLS = 4;
  private static final String[] ENCODINGS = {"utf8", "utf16", "latin1+utf16"};

  private final WasmtimeReference reference;
  private final Path workDir;
  private final UnaryOperator<Value> plantedBug;

  AbiFuzzer(WasmtimeReference reference, Path workDir, UnaryOperator<Value> plantedBug) {
    this.reference = reference;
    this.workDir = workDir;
    this.plantedBug = plantedBug;
  }

  /**
   * One seed's component and calls; a finding per call that differs, with all it takes to replay
   * it.
   */
  List<String> run(long seed) throws IOException, InterruptedException {
    Random random = new Random(seed);
    RandomTypes types = new RandomTypes(random);
    List<FuncType> functions = new ArrayList<>();
    List<String> encodings = new ArrayList<>();
    for (int i = 0; i < FUNCTIONS; i++) {
      functions.add(types.function());
      encodings.add(ENCODINGS[random.nextInt(ENCODINGS.length)]);
    }
    String wat = EchoComponent.wat(functions, encodings);
    Path component = assemble(seed, wat);
    CompiledComponent compiled;
    try {
      compiled = CompiledComponent.compile(Files.readAllBytes(component));
    } catch (Exception e) {
      return List.of(
          "seed " + seed + ": Corral refuses the component (" + e.getMessage() + ")\n" + wat);
    }
    CorralRun corral = new CorralRun(compiled, plantedBug);
    List<String> findings = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) {
      FuncType f = functions.get(i);
      for (int c = 0; c < CALLS; c++) {
        TypedJson json = new TypedJson(Map.of());
        ArrayNode args = TypedJson.NODES.arrayNode();
        f.params().forEach(p -> args.add(json.toJson(p.type(), types.value(p.type()))));
        JsonNode reply =
            f.result().map(r -> json.toJson(r, types.value(r))).orElse(TypedJson.NODES.nullNode());
        String name = "test:fuzz/host#f" + i;
        RunRequest request =
            new RunRequest(
                component,
                false,
                Map.of(),
                f.result().isPresent() ? Map.of(name, List.of(reply)) : Map.of(),
                List.of(new RunRequest.Step("f" + i, args)));
        ObjectNode expected = TypedJson.NODES.objectNode();
        expected.set("result", reply);
        expected.putArray("imports").addObject().put("name", name).set("args", args);
        JsonNode wanted =
            WasmtimeReference.JSON.readTree(
                WasmtimeReference.JSON.writeValueAsString(
                    TypedJson.NODES.arrayNode().add(expected)));
        JsonNode wasmtime = reference.ask(request.toJson()).get("steps");
        JsonNode ours =
            WasmtimeReference.JSON.readTree(
                WasmtimeReference.JSON.writeValueAsString(corral.run(request)));
        if (!wanted.equals(wasmtime) || !wanted.equals(ours)) {
          findings.add(
              "seed "
                  + seed
                  + ", "
                  + TypeSpelling.of(f)
                  + " ("
                  + encodings.get(i)
                  + "):\n  request:  "
                  + request.toJson()
                  + "\n  expected: "
                  + wanted
                  + "\n  wasmtime: "
                  + wasmtime
                  + "\n  corral:   "
                  + ours);
        }
      }
    }
    return findings;
  }

  private Path assemble(long seed, String wat) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path text = workDir.resolve("seed-" + seed + ".wat");
    Path binary = workDir.resolve("seed-" + seed + ".wasm");
    Files.writeString(text, wat);
    Path jco = WasmtimeReference.projectRoot().resolve("build-tools/node_modules/.bin/jco");
    if (!Files.isExecutable(jco)) {
      throw new IllegalStateException(jco + " is missing: run scripts/install-toolchains");
    }
    Process p =
        new ProcessBuilder(jco.toString(), "parse", text.toString(), "-o", binary.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("jco parse failed on " + text + ": " + output);
    }
    return binary;
  }
}
