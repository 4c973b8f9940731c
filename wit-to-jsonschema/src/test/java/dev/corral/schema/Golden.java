package dev.corral.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden files under src/test/resources/golden. Run the tests with {@code -Dgolden.update=true} to
 * rewrite them from the current output (then review the diff).
 */
public final class Golden {
  public static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Golden() {}

  public static void assertJson(String name, JsonNode actual) {
    assertText(name + ".json", MAPPER.writeValueAsString(actual) + "\n");
  }

  public static void assertText(String name, String actual) {
    if (Boolean.getBoolean("golden.update")) {
      try {
        Path file = Path.of("src/test/resources/golden").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertEquals(read(name), actual, "golden file " + name);
  }

  public static String read(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new AssertionError(
            "missing golden file " + name + " (run with -Dgolden.update=true)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String text) {
    return MAPPER.readTree(text);
  }
}
