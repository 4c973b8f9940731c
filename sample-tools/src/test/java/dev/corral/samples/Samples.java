package dev.corral.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where tests find the sample components: the C and Rust ones in the directory named by the
 * system property {@code corral.samples.dir} (set by the pom to the committed resources, and by
 * {@code build.sh --check} to a fresh rebuild); the JavaScript ones in {@code
 * target/js-samples}, present only after {@code build.sh} or {@code -Pbuild-samples}.
 */
final class Samples {
  private static final Path JS_DIR = Path.of("target/js-samples");

  private Samples() {}

  static Path dir() {
    String dir = System.getProperty("corral.samples.dir");
    if (dir == null) {
      throw new IllegalStateException("system property corral.samples.dir is not set (the pom sets it)");
    }
    return Path.of(dir);
  }

  /** The bytes of a committed (C or Rust) sample. */
  static byte[] wasm(String tool) throws IOException {
    return Files.readAllBytes(dir().resolve(tool + ".wasm"));
  }

  /** The bytes of a JavaScript sample, if it has been built. */
  static Optional<byte[]> jsWasm(String tool) throws IOException {
    Path file = JS_DIR.resolve(tool + ".wasm");
    return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }
}
