package dev.corral.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where tests find the sample components, from system properties the pom sets: the C and Rust ones
 * in {@code corral.samples.dir} (the committed resources, or a fresh rebuild under {@code build.sh
 * --check}); the JavaScript ones in {@code corral.samples.jsDir} ({@code target/js-samples},
 * present only after {@code build.sh} or {@code -Pbuild-samples}). A missing JavaScript sample
 * skips its tests, unless {@code corral.samples.requireJs} is {@code true} (as {@code build.sh
 * --check --with-js}, {@code -Pbuild-samples} and {@code .ci/run} set it): then it fails them.
 */
final class Samples {
  static final String REQUIRE_JS = "corral.samples.requireJs";

  private Samples() {}

  static Path dir() {
    return directory("corral.samples.dir");
  }

  static Path jsDir() {
    return directory("corral.samples.jsDir");
  }

  /** The bytes of a committed (C or Rust) sample. */
  static byte[] wasm(String tool) throws IOException {
    return Files.readAllBytes(dir().resolve(tool + ".wasm"));
  }

  /**
   * The bytes of a built JavaScript sample. If it is not built, aborts the calling test (a skip),
   * or fails it when {@code corral.samples.requireJs} is {@code true}.
   */
  static byte[] jsWasm(String tool) throws IOException {
    Path file = jsDir().resolve(tool + ".wasm");
    if (!Files.isRegularFile(file)) {
      String missing = file + " is not built (run sample-tools/build.sh)";
      if (Boolean.getBoolean(REQUIRE_JS)) {
        throw new AssertionError(
            missing + ", and this run requires the JavaScript samples (" + REQUIRE_JS + "=true)");
      }
      Assumptions.abort(missing + "; its tests are skipped");
    }
    return Files.readAllBytes(file);
  }

  private static Path directory(String property) {
    String dir = System.getProperty(property);
    if (dir == null || !Path.of(dir).isAbsolute()) {
      throw new IllegalStateException(
          "system property "
              + property
              + " is "
              + (dir == null ? "not set" : "not absolute: " + dir)
              + " (sample-tools/pom.xml sets it)");
    }
    return Path.of(dir).normalize();
  }
}
