package dev.corral.sandbox.differential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Every component the project's tests use (each module's {@code src/test/resources/components}, the
 * bundled samples, the built JavaScript samples when present) and every component under {@code
 * ../shared/components} ({@code -Dcorral.shared} overrides; its absence is an error), each binary
 * once (by SHA-256), unpacked into {@code target/differential/} so both runtimes read the same
 * file.
 */
final class ReferenceComponents {
  /**
   * A distinct binary: where it was first found (relative to the project or shared/) and its
   * unpacked file.
   */
  record Entry(String name, Path file) {}

  private ReferenceComponents() {}

  static List<Entry> all(Path root) throws IOException {
    String sharedProperty = System.getProperty("corral.shared");
    Path shared = sharedProperty != null ? Path.of(sharedProperty) : root.resolveSibling("shared");
    if (!Files.isDirectory(shared.resolve("components"))) {
      throw new IllegalStateException(
          "the shared components are missing: "
              + shared.resolve("components")
              + " is not a directory (CI places a copy of shared/ beside the checkout; -Dcorral.shared=DIR names another)");
    }
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      modules
          .map(m -> m.resolve("src/test/resources/components"))
          .filter(Files::isDirectory)
          .sorted()
          .forEach(roots::add);
    }
    roots.add(root.resolve("sample-tools/src/main/resources/dev/corral/samples"));
    roots.add(root.resolve("sample-tools/target/js-samples"));
    roots.add(shared.resolve("components"));
    Path out = root.resolve("sandbox/target/differential");
    Files.createDirectories(out);
    Map<String, Entry> byDigest = new LinkedHashMap<>();
    for (Path dir : roots) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files =
            walk.filter(p -> p.toString().endsWith(".wasm") || p.toString().endsWith(".wasm.gz"))
                .sorted()
                .toList();
      }
      for (Path file : files) {
        byte[] bytes = read(file);
        String digest = sha256(bytes);
        if (!byDigest.containsKey(digest)) {
          Path unpacked = out.resolve(digest.substring(0, 16) + ".wasm");
          if (!Files.exists(unpacked)) {
            Files.write(unpacked, bytes);
          }
          Path base = dir.startsWith(shared) ? shared.getParent() : root;
          byDigest.put(digest, new Entry(base.relativize(file).toString(), unpacked));
        }
      }
    }
    return List.copyOf(byDigest.values());
  }

  private static byte[] read(Path file) throws IOException {
    try (InputStream in =
        file.toString().endsWith(".gz")
            ? new GZIPInputStream(Files.newInputStream(file))
            : Files.newInputStream(file)) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
