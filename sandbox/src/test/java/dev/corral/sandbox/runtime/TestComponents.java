package dev.corral.sandbox.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads test components from the test resources. */
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
