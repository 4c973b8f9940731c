package dev.corral.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The example policy files under src/test/resources/policies. */
final class Examples {
  private Examples() {}

  static final List<String> ALL =
      List.of(
          "wassette/comprehensive.yaml",
          "wassette/minimal.yaml",
          "wassette/weather.yaml",
          "wassette/fetch-url-host.yaml",
          "wassette/defaults-and-legacy-resources.yaml",
          "wassette/commented-empty.yaml",
          "corral-full.yaml");

  static String text(String name) {
    try (InputStream in = Examples.class.getResourceAsStream("/policies/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
