package dev.corral.schema;

import dev.corral.sandbox.runtime.CompiledComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * Loads the real components under src/test/resources/components (decompressing {@code .gz} copies).
 */
public final class TestComponents {
  private TestComponents() {}

  /** The component {@code name}, kept as {@code name} or gzip-compressed as {@code name.gz}. */
  public static byte[] bytes(String name) {
    try (InputStream in = TestComponents.class.getResourceAsStream("/components/" + name)) {
      if (in != null) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream gz = TestComponents.class.getResourceAsStream("/components/" + name + ".gz")) {
      if (gz == null) {
        throw new IllegalArgumentException("no test component " + name + " (or " + name + ".gz)");
      }
      try (InputStream in = new GZIPInputStream(gz)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CompiledComponent compile(String name) throws Exception {
    return CompiledComponent.compile(bytes(name));
  }
}
