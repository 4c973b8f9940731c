package dev.corral.mcp.component;

import dev.corral.oci.InstallOptions;
import dev.corral.oci.InstalledComponent;
import dev.corral.oci.OciComponents;
import dev.corral.oci.OciException;
import dev.corral.oci.OciReference;
import dev.corral.oci.RegistrySettings;
import dev.corral.oci.TrustPolicy;
import dev.corral.oci.TrustedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The components one deployment of Corral serves, declared in a file that every replica reads (a
 * YAML file, or a directory holding {@value #FILE_NAME}): each a signed OCI reference pinned by
 * digest, the public key that must have signed it and, optionally, its policy (without one the
 * component is granted nothing). Paths are relative to the file.
 *
 * <pre>
 * components:
 *   - id: adder
 *     ref: oci://registry.example/tools/adder@sha256:0123...
 *     key: acme.pub
 *     policy: adder.policy.yaml
 * </pre>
 */
public record DeclaredDeployment(Path file, List<Entry> components) {
  /** The file looked for in a directory. */
  public static final String FILE_NAME = "deployment.yaml";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** One declared component. */
  public record Entry(String id, OciReference reference, Path key, Optional<Path> policy) {}

  public DeclaredDeployment {
    components = List.copyOf(components);
  }

  /** Reads the declaration at {@code path} (a file, or a directory holding {@value #FILE_NAME}). */
  public static DeclaredDeployment read(Path path) throws ComponentLoadException {
    Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
    Object root;
    try {
      root =
          new Load(LoadSettings.builder().setLabel(file.toString()).build())
              .loadFromString(Files.readString(file));
    } catch (IOException e) {
      throw new ComponentLoadException(file, "cannot read the deployment: " + e, e);
    } catch (YamlEngineException e) {
      throw new ComponentLoadException(file, "not valid YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> top)
        || !(top.get("components") instanceof List<?> list)
        || list.isEmpty()) {
      throw new ComponentLoadException(
          file, "a deployment is a map with a non-empty list 'components'", null);
    }
    Path base = file.toAbsolutePath().getParent();
    List<Entry> entries = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "components[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> item)) {
        throw new ComponentLoadException(
            file, where + " must be a map with id, ref, key and (optionally) policy", null);
      }
      String id = text(file, item, where, "id");
      if (!ID.matcher(id).matches() || !ids.add(id)) {
        throw new ComponentLoadException(
            file,
            where + ".id '" + id + "' must be unique, lower case letters, digits," + " '-' and '_'",
            null);
      }
      OciReference reference;
      try {
        reference = OciReference.parse(text(file, item, where, "ref"));
      } catch (OciException e) {
        throw new ComponentLoadException(file, where + ".ref: " + e.getMessage(), e);
      }
      if (reference.pinnedDigest().isEmpty()) {
        throw new ComponentLoadException(
            file,
            where
                + ".ref "
                + reference
                + " is not pinned by digest: every replica"
                + " must serve the same bytes, so write it as oci://REGISTRY/REPOSITORY@sha256:DIGEST",
            null);
      }
      Path key = base.resolve(text(file, item, where, "key"));
      Optional<Path> policy =
          item.get("policy") == null
              ? Optional.empty()
              : Optional.of(base.resolve(text(file, item, where, "policy")));
      entries.add(new Entry(id, reference, key, policy));
    }
    return new DeclaredDeployment(file, entries);
  }

  /**
   * Pulls every component from its registry and verifies its signature with its key (nothing is
   * served unless all are), lays each out in {@code into} as {@code ID.wasm} with its policy beside
   * it, and loads them.
   */
  public List<LoadedComponent> pull(
      Path dataDirectory, Map<String, String> environment, Path into, ComponentLoader loader)
      throws ComponentLoadException {
    List<LoadedComponent> loaded = new ArrayList<>();
    for (Entry entry : components) {
      InstalledComponent pulled;
      try {
        TrustPolicy trust =
            TrustPolicy.empty()
                .trust(
                    entry.reference().registry() + "/" + entry.reference().repository(),
                    TrustedKey.read(entry.key()));
        pulled =
            new OciComponents(dataDirectory, RegistrySettings.fromEnvironment(environment), trust)
                .pull(entry.reference().toString(), InstallOptions.VERIFIED);
      } catch (OciException e) {
        throw new ComponentLoadException(
            file, entry.id() + " (" + entry.reference() + "): " + e.getMessage(), e);
      }
      Path wasm = into.resolve(entry.id() + ".wasm");
      try {
        Files.copy(pulled.component(), wasm);
        if (entry.policy().isPresent()) {
          Files.copy(entry.policy().get(), ComponentLoader.policyFile(wasm));
        }
      } catch (IOException e) {
        throw new ComponentLoadException(
            file, entry.id() + ": cannot lay it out in " + into + ": " + e, e);
      }
      Optional<String> problem = ComponentLoader.policyProblem(wasm);
      if (problem.isPresent()) {
        throw new ComponentLoadException(
            entry.policy().orElse(file), entry.id() + ": " + problem.get(), null);
      }
      loaded.add(loader.load(wasm));
    }
    return loaded;
  }

  private static String text(Path file, Map<?, ?> item, String where, String key)
      throws ComponentLoadException {
    if (!(item.get(key) instanceof String value) || value.isBlank()) {
      throw new ComponentLoadException(
          file, where + "." + key + " must be a non-empty string", null);
    }
    return value;
  }
}
