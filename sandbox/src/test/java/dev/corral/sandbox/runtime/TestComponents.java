package dev.corral.sandbox.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * Loads test components from the test resources ({@code components/NAME}, or its gzip-compressed
 * copy {@code NAME.gz} for the larger fixtures).
 */
public final class TestComponents {
  private TestComponents() {}

  public static byte[] bytes(String name) {
    try {
      InputStream in = TestComponents.class.getResourceAsStream("/components/" + name);
      if (in == null) {
        InputStream gz = TestComponents.class.getResourceAsStream("/components/" + name + ".gz");
        if (gz == null) {
          throw new IllegalArgumentException("no test component " + name);
        }
        in = new GZIPInputStream(gz);
      }
      try (InputStream stream = in) {
        return stream.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CompiledComponent compile(String name) throws Exception {
    return CompiledComponent.compile(bytes(name));
  }
}
