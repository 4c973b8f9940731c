package dev.corral.sandbox.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * Loads test components from the test resources ({@code NAME}, or gzip-compressed {@code NAME.gz}).
 */
final class Components {
  private Components() {}

  static byte[] bytes(String name) {
    try (InputStream in = Components.class.getResourceAsStream("/components/" + name)) {
      if (in != null) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream gz = Components.class.getResourceAsStream("/components/" + name + ".gz")) {
      if (gz == null) {
        throw new IllegalArgumentException("no test component " + name);
      }
      try (InputStream in = new GZIPInputStream(gz)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
