package dev.corral.sandbox.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.WorldItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Corral against wasmtime 49 on every component the tests use and every shared component ({@link
 * ReferenceComponents}): both load it or both refuse it; the same exports with the same types; and
 * for every call of {@link CallPlan} the same results, or both trap (or exit with the same status),
 * with the same calls of the imports in between (arguments as the host received them) and the same
 * output. A component Corral refuses but wasmtime runs must be listed in {@code
 * differential/known-gaps.txt} with the reason Corral gives, and a listed one must still be refused
 * for it: a fixed gap fails until its line is removed.
 */
class DifferentialTest {
  /**
   * Exports whose results are not deterministic: compared by shape (same cases, same JSON kinds).
   */
  private static final Map<String, String> NONDETERMINISTIC =
      Map.of("local:time-server/time#get-current-time", "returns the wall-clock time");

  /**
   * Components above 2 MB (the JavaScript engines) get at most 3 calls per function: each of their
   * fresh instances costs seconds, and they are not where the ABI's edge cases are.
   */
  private static final int LARGE = 2 << 20;

  private static final int LARGE_CALLS = 3;

  private static WasmtimeReference reference;
  private static final AtomicInteger components = new AtomicInteger();
  private static final AtomicInteger refusedByBoth = new AtomicInteger();
  private static final AtomicInteger calls = new AtomicInteger();
  private static final AtomicInteger trappedBoth = new AtomicInteger();
  private static final List<String> notCompared = new ArrayList<>();

  @BeforeAll
  static void startReference() throws IOException {
    reference = WasmtimeReference.start();
  }

  @AfterAll
  static void report() {
    if (reference != null) {
      reference.close();
    }
    System.err.printf(
        "DifferentialTest: %d components compared (%d refused by both), %d calls (%d trapped on both),"
            + " not compared: %s%n",
        components.get(), refusedByBoth.get(), calls.get(), trappedBoth.get(), notCompared);
  }

  @TestFactory
  Stream<DynamicTest> agreesWithWasmtime() throws IOException {
    Path root = WasmtimeReference.projectRoot();
    Map<String, String> gaps = knownGaps();
    List<ReferenceComponents.Entry> entries = ReferenceComponents.all(root);
    for (String gap : gaps.keySet()) {
      assertTrue(
          entries.stream().anyMatch(e -> e.name().equals(gap)),
          "known-gaps.txt names a component that is not there: " + gap);
    }
    return entries.stream()
        .map(e -> DynamicTest.dynamicTest(e.name(), () -> compare(e, gaps.get(e.name()))));
  }

  private static void compare(ReferenceComponents.Entry entry, String knownGap) throws Exception {
    byte[] bytes = Files.readAllBytes(entry.file());
    CompiledComponent compiled = null;
    String corralRefusal = null;
    boolean wasi = true;
    try {
      compiled = CompiledComponent.compile(bytes);
      wasi = compiled.world().imports().stream().allMatch(DifferentialTest::isWasi);
      // a WASI component's instantiation runs under the WASI host, in its runs
      corralRefusal = wasi ? loadRefusal(compiled) : instantiateRefusal(entry, compiled);
    } catch (Exception e) {
      corralRefusal = e.getMessage();
    }
    ObjectNode exportsRequest =
        TypedJson.NODES
            .objectNode()
            .put("op", "exports")
            .put("component", entry.file().toString())
            .put("host", wasi ? "wasi" : "generic");
    if (compiled != null) {
      exportsRequest.putObject("resource-aliases").setAll(aliases(new CorralRun(compiled)));
    }
    JsonNode wasmtime = reference.ask(exportsRequest);
    if (knownGap != null) {
      String wasmtimeRefusal = wasmtime.has("refused") ? wasmtime.get("refused").asString() : null;
      KnownGap gap = KnownGap.parse(entry.name(), knownGap);
      String refusal = gap.corralRefuses() ? corralRefusal : wasmtimeRefusal;
      String other = gap.corralRefuses() ? wasmtimeRefusal : corralRefusal;
      assertNotNull(
          refusal, entry.name() + " loads now: remove it from differential/known-gaps.txt");
      assertTrue(
          refusal.contains(gap.reason()),
          entry.name() + " is refused for another reason than known-gaps.txt says: " + refusal);
      assertTrue(other == null, entry.name() + " is listed as a gap, but both refuse it: " + other);
      return;
    }
    components.incrementAndGet();
    if (corralRefusal != null || wasmtime.has("refused")) {
      assertTrue(
          corralRefusal != null && wasmtime.has("refused"),
          entry.name()
              + ": Corral "
              + (corralRefusal == null ? "loads it" : "refuses it: " + corralRefusal)
              + "; wasmtime "
              + (wasmtime.has("refused")
                  ? "refuses it: " + wasmtime.get("refused").asString()
                  : "runs it"));
      refusedByBoth.incrementAndGet();
      return;
    }
    ArrayNode corralExports = TypedJson.NODES.arrayNode();
    for (ExportedFunction f : compiled.exports()) {
      corralExports
          .addObject()
          .put("name", f.qualifiedName())
          .put("type", TypeSpelling.of(f.type()));
    }
    assertEquals(
        WasmtimeReference.JSON.writeValueAsString(wasmtime.get("exports")),
        WasmtimeReference.JSON.writeValueAsString(corralExports),
        entry.name() + ": exports and their types");
    CorralRun corral = new CorralRun(compiled);
    CallPlan plan =
        CallPlan.of(
            entry.file(),
            compiled,
            wasi,
            corral,
            bytes.length > LARGE ? LARGE_CALLS : EdgeValues.MAX);
    plan.notCompared().forEach((fn, why) -> notCompared.add(entry.name() + " " + fn + ": " + why));
    List<String> mismatches = new ArrayList<>();
    for (RunRequest run : plan.runs()) {
      JsonNode wasmtimeAnswer = reference.ask(run.toJson()).get("steps");
      JsonNode corralAnswer =
          WasmtimeReference.JSON.readTree(
              WasmtimeReference.JSON.writeValueAsString(corral.run(run)));
      JsonNode expected = comparable(wasmtimeAnswer, run);
      JsonNode actual = comparable(corralAnswer, run);
      calls.incrementAndGet();
      if (!expected.equals(actual)) {
        mismatches.add(
            run.toJson() + "\n  wasmtime: " + wasmtimeAnswer + "\n  corral:   " + corralAnswer);
      } else if (actual.get(actual.size() - 1).has("trap")) {
        trappedBoth.incrementAndGet();
      }
    }
    if (!mismatches.isEmpty()) {
      fail(
          entry.name()
              + ": "
              + mismatches.size()
              + " of "
              + plan.runs().size()
              + " runs differ:\n"
              + String.join("\n", mismatches));
    }
  }

  private static boolean isWasi(WorldItem item) {
    return item instanceof Interface i && i.name().startsWith("wasi:");
  }

  private static String loadRefusal(CompiledComponent compiled) {
    try {
      SandboxedComponent.of(compiled);
      return null;
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static String instantiateRefusal(
      ReferenceComponents.Entry entry, CompiledComponent compiled) {
    ArrayNode answer =
        new CorralRun(compiled)
            .run(new RunRequest(entry.file(), false, Map.of(), Map.of(), List.of()));
    return answer.isEmpty() ? null : answer.get(0).get("instantiate-trap").asString();
  }

  /**
   * The answers with trap messages reduced to "trapped" (each runtime words them its own way), and
   * the results of nondeterministic exports reduced to their shape.
   */
  private static JsonNode comparable(JsonNode steps, RunRequest run) {
    ArrayNode out = TypedJson.NODES.arrayNode();
    for (int i = 0; i < steps.size(); i++) {
      ObjectNode step = ((ObjectNode) steps.get(i)).deepCopy();
      for (String trap : List.of("trap", "instantiate-trap")) {
        if (step.has(trap)) {
          step.put(trap, true);
        }
      }
      if (step.has("result")
          && i < run.steps().size()
          && NONDETERMINISTIC.containsKey(run.steps().get(i).export())) {
        step.set("result", shape(step.get("result")));
      }
      out.add(step);
    }
    return out;
  }

  private static JsonNode shape(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = TypedJson.NODES.objectNode();
      node.properties()
          .forEach(
              e ->
                  copy.set(
                      e.getKey(), e.getKey().equals("case") ? e.getValue() : shape(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = TypedJson.NODES.arrayNode();
      node.forEach(n -> copy.add(shape(n)));
      return copy;
    }
    return TypedJson.NODES.stringNode(node.getNodeType().toString());
  }

  private static ObjectNode aliases(CorralRun corral) {
    ObjectNode node = TypedJson.NODES.objectNode();
    corral.resourceAliases().forEach(node::put);
    return node;
  }

  /**
   * A line of known-gaps.txt: which runtime refuses the component, and a fragment of its reason.
   */
  record KnownGap(boolean corralRefuses, String reason) {
    static KnownGap parse(String name, String text) {
      for (String side : List.of("corral refuses: ", "wasmtime refuses: ")) {
        if (text.startsWith(side)) {
          return new KnownGap(side.startsWith("corral"), text.substring(side.length()));
        }
      }
      throw new IllegalArgumentException(
          "known-gaps.txt: the line of "
              + name
              + " must say 'corral refuses: REASON' or 'wasmtime refuses: REASON', not: "
              + text);
    }
  }

  /**
   * {@code differential/known-gaps.txt}: {@code NAME: corral|wasmtime refuses: REASON}, {@code #}
   * comments.
   */
  private static Map<String, String> knownGaps() throws IOException {
    Map<String, String> gaps = new LinkedHashMap<>();
    Path file =
        WasmtimeReference.projectRoot()
            .resolve("sandbox/src/test/resources/differential/known-gaps.txt");
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(": ");
      gaps.put(line.substring(0, colon).strip(), line.substring(colon + 2).strip());
    }
    return gaps;
  }
}
