package dev.corral.mcp.server;

import dev.corral.samples.SampleTool;
import dev.corral.samples.SampleTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The components {@code search-components} knows: the bundled samples, and the entries of the
 * user's catalogue file ({@code $XDG_CONFIG_HOME/corral/catalog.json}: {@code {"components":
 * [{"name", "description", "uri"}]}}), read on every search.
 */
public final class Catalogue {
  private static final Logger log = LoggerFactory.getLogger(Catalogue.class);

  private final Path file;
  private final Path samplesDirectory;
  private final JsonMapper json;

  public Catalogue(Path file, Path samplesDirectory, JsonMapper json) {
    this.file = file;
    this.samplesDirectory = samplesDirectory;
    this.json = json;
  }

  /** Entries whose name or description contains every word of {@code query} (all when blank). */
  public List<Map<String, Object>> search(String query) {
    List<String> words =
        List.of(query.toLowerCase(Locale.ROOT).trim().split("\\s+")).stream()
            .filter(w -> !w.isEmpty())
            .toList();
    List<Map<String, Object>> found = new ArrayList<>();
    for (Map<String, Object> entry : entries()) {
      String haystack =
          (entry.get("name") + " " + entry.get("description")).toLowerCase(Locale.ROOT);
      if (words.stream().allMatch(haystack::contains)) {
        found.add(entry);
      }
    }
    return found;
  }

  private List<Map<String, Object>> entries() {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (SampleTool sample : SampleTools.bundled()) {
      entries.add(
          entry(
              sample.name(),
              sample.summary() + " (" + sample.language() + " sample)",
              samplesDirectory.resolve(sample.name() + ".wasm").toUri().toString()));
    }
    if (Files.isRegularFile(file)) {
      try {
        for (JsonNode node : json.readTree(Files.readString(file)).path("components")) {
          entries.add(
              entry(
                  node.path("name").asString(""),
                  node.path("description").asString(""),
                  node.path("uri").asString("")));
        }
      } catch (IOException | JacksonException e) {
        log.warn("ignoring the catalogue {}: {}", file, e.getMessage());
      }
    }
    return entries;
  }

  private static Map<String, Object> entry(String name, String description, String uri) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put("description", description);
    entry.put("uri", uri);
    return entry;
  }
}
