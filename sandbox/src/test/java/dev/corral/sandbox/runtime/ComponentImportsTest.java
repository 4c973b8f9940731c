package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.world.Function;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.World;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every test component decodes, and its world's imports are exactly those an independent decoder
 * ({@code jco wit}, recorded in {@code expected-imports.txt}) prints, in the same order. The list
 * must cover every component file in the test resources.
 */
class ComponentImportsTest {
  private static final List<String> CORE_MODULES = List.of("modules_exitcode.wasm");

  @TestFactory
  Stream<DynamicTest> everyComponentDecodesWithTheImportsJcoPrints() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : expectedLines()) {
      int colon = line.indexOf(": ");
      String name = line.substring(0, colon);
      List<String> expected =
          line.substring(colon + 2).isBlank()
              ? List.of()
              : Arrays.asList(line.substring(colon + 2).trim().split(" "));
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                if (CORE_MODULES.contains(name)) {
                  ComponentDecodeException e =
                      assertThrows(
                          ComponentDecodeException.class, () -> TestComponents.compile(name));
                  assertEquals(6, e.offset());
                  return;
                }
                World world = TestComponents.compile(name).world();
                List<String> actual =
                    world.imports().stream()
                        .filter(
                            i ->
                                i instanceof Interface
                                    || (i instanceof Function f && !f.name().startsWith("[")))
                        .map(i -> i.name())
                        .toList();
                assertEquals(expected, actual);
              }));
    }
    assertEquals(
        componentFiles(),
        expectedLines().stream().map(l -> l.substring(0, l.indexOf(": "))).sorted().toList(),
        "expected-imports.txt lists every test component (regenerate it with sandbox/scripts/expected-imports)");
    return tests.stream();
  }

  /** Every component under the test resources' components/ directory, .gz suffix dropped. */
  private static List<String> componentFiles() throws IOException {
    Path root;
    try {
      root = Path.of(ComponentImportsTest.class.getResource("/components").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .filter(n -> n.endsWith(".wasm") || n.endsWith(".wasm.gz"))
          .map(n -> n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n)
          .distinct()
          .sorted()
          .toList();
    }
  }

  private static List<String> expectedLines() throws IOException {
    try (InputStream in =
            ComponentImportsTest.class.getResourceAsStream("/components/expected-imports.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.startsWith("#")).toList();
    }
  }
}
