package dev.corral.sandbox.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the canonical ABI against wasmtime ({@link AbiFuzzer}): a fixed-seed
 * budget in every build ({@code -Dabi.fuzz.seeds=N} components from {@code -Dabi.fuzz.seed=S},
 * default 6 from 1), the seeds of past findings ({@code differential/abi-findings.txt}) as
 * regression tests, and a check that the budget finds a planted bug.
 */
class CanonicalAbiDifferentialTest {
  private static WasmtimeReference reference;
  private static final Path WORK =
      WasmtimeReference.projectRoot().resolve("sandbox/target/abi-fuzz");

  @BeforeAll
  static void startReference() throws IOException {
    reference = WasmtimeReference.start();
  }

  @AfterAll
  static void stopReference() {
    reference.close();
  }

  @Test
  void fixedSeedBudgetAgreesWithWasmtime() throws Exception {
    List<String> findings = run(budget(), UnaryOperator.identity());
    assertTrue(
        findings.isEmpty(),
        () ->
            findings.size()
                + " findings (keep each seed in differential/abi-findings.txt):\n"
                + String.join("\n", findings));
  }

  @Test
  void pastFindingsStayFixed() throws Exception {
    List<Long> seeds = new ArrayList<>();
    Path file =
        WasmtimeReference.projectRoot()
            .resolve("sandbox/src/test/resources/differential/abi-findings.txt");
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        seeds.add(Long.parseLong(line.substring(0, line.indexOf(':')).strip()));
      }
    }
    assertFalse(seeds.isEmpty(), "abi-findings.txt lists no seed");
    List<String> findings = run(seeds, UnaryOperator.identity());
    assertTrue(findings.isEmpty(), () -> String.join("\n", findings));
  }

  /**
   * A planted bug, as a test-only ABI variant: strings lifted from the guest lose their last code
   * point when they contain one outside the BMP (a UTF-16 length counted in code points instead of
   * code units). The fixed-seed budget must report it, and only as string mismatches.
   */
  @Test
  void budgetFindsAPlantedBug() throws Exception {
    UnaryOperator<Value> bug = CanonicalAbiDifferentialTest::dropLastSupplementary;
    List<String> findings = run(budget(), bug);
    assertFalse(findings.isEmpty(), "the fuzzer missed the planted bug");
    for (String finding : findings) {
      String corral = finding.substring(finding.indexOf("  corral:   "));
      String wasmtime =
          finding.substring(finding.indexOf("  wasmtime: "), finding.indexOf("  corral:   "));
      assertEquals(
          finding.substring(
              finding.indexOf("  expected: ") + 12, finding.indexOf("\n  wasmtime: ")),
          wasmtime.substring(12).strip(),
          "wasmtime agrees with the expected answer: " + finding);
      assertFalse(corral.substring(12).strip().equals(wasmtime.substring(12).strip()), finding);
    }
  }

  private static List<String> run(List<Long> seeds, UnaryOperator<Value> plantedBug)
      throws Exception {
    AbiFuzzer fuzzer = new AbiFuzzer(reference, WORK, plantedBug);
    List<String> findings = new ArrayList<>();
    for (long seed : seeds) {
      findings.addAll(fuzzer.run(seed));
    }
    return findings;
  }

  private static Value dropLastSupplementary(Value value) {
    return switch (value) {
      case StringValue s
          when s.value().codePoints().anyMatch(Character::isSupplementaryCodePoint) ->
          new StringValue(
              s.value().substring(0, s.value().offsetByCodePoints(s.value().length(), -1)));
      case ListValue l ->
          new ListValue(
              l.elements().stream()
                  .map(CanonicalAbiDifferentialTest::dropLastSupplementary)
                  .toList());
      case RecordValue r ->
          new RecordValue(
              r.fields().stream()
                  .map(CanonicalAbiDifferentialTest::dropLastSupplementary)
                  .toList());
      case TupleValue t ->
          new TupleValue(
              t.elements().stream()
                  .map(CanonicalAbiDifferentialTest::dropLastSupplementary)
                  .toList());
      case VariantValue v ->
          new VariantValue(
              v.caseIndex(), v.payload().map(CanonicalAbiDifferentialTest::dropLastSupplementary));
      case OptionValue o ->
          new OptionValue(o.value().map(CanonicalAbiDifferentialTest::dropLastSupplementary));
      case ResultValue r ->
          new ResultValue(
              r.isOk(), r.payload().map(CanonicalAbiDifferentialTest::dropLastSupplementary));
      default -> value;
    };
  }

  private static List<Long> budget() {
    return Stream.iterate(Long.getLong("abi.fuzz.seed", 1), s -> s + 1)
        .limit(Integer.getInteger("abi.fuzz.seeds", 6))
        .toList();
  }
}
