package dev.corral.schema;

import dev.corral.sandbox.runtime.CompiledComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the real components under src/test/resources/components. */
final class TestComponents {
  private TestComponents() {}

  static byte[] bytes(String name) {
    try (InputStream in = TestComponents.class.getResourceAsStream("/components/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test component " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CompiledComponent compile(String name) throws Exception {
    return CompiledComponent.compile(bytes(name));
  }
}
