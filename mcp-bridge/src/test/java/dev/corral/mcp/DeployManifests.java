package dev.corral.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kubernetes manifests in deploy/kubernetes/corral.yaml as the tests read them: the documents,
 * and the replicas' container (its arguments, with {@code $(VAR)} references resolved the way
 * Kubernetes does, and its probes).
 */
final class DeployManifests {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)");

  private DeployManifests() {}

  static Path file() {
    return McpProcess.repository().resolve("deploy/kubernetes/corral.yaml");
  }

  /** Every document of the file. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> documents() throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document :
        new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file()))) {
      documents.add((Map<String, Object>) document);
    }
    return documents;
  }

  /** The document of {@code kind}. */
  static Map<String, Object> ofKind(String kind) throws IOException {
    return documents().stream()
        .filter(d -> kind.equals(d.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(file() + " has no " + kind));
  }

  /** The replicas' container of the Deployment. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> container() throws IOException {
    Map<String, Object> spec = (Map<String, Object>) ofKind("Deployment").get("spec");
    Map<String, Object> pod =
        (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    return ((List<Map<String, Object>>) pod.get("containers")).get(0);
  }

  /** The container's arguments, each {@code $(VAR)} replaced by {@code values.get(VAR)}. */
  @SuppressWarnings("unchecked")
  static List<String> args(Map<String, String> values) throws IOException {
    List<String> args = new ArrayList<>();
    for (Object arg : (List<Object>) container().get("args")) {
      Matcher reference = REFERENCE.matcher(String.valueOf(arg));
      StringBuilder resolved = new StringBuilder();
      while (reference.find()) {
        String value = values.get(reference.group(1));
        if (value == null) {
          throw new AssertionError("no value for $(" + reference.group(1) + ") in " + arg);
        }
        reference.appendReplacement(resolved, Matcher.quoteReplacement(value));
      }
      reference.appendTail(resolved);
      args.add(resolved.toString());
    }
    return args;
  }

  /** The HTTP path of the container's probe {@code probe} (readinessProbe, livenessProbe). */
  @SuppressWarnings("unchecked")
  static String probePath(String probe) throws IOException {
    Map<String, Object> httpGet =
        (Map<String, Object>) ((Map<String, Object>) container().get(probe)).get("httpGet");
    return (String) httpGet.get("path");
  }
}
