package dev.corral.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where policies live: flat, beside the components in one directory, {@code <components>/ID.wasm}
 * with its policy {@code <components>/ID.policy.yaml}, and secret values apart in {@code
 * <secrets>/ID.yaml}. In a Corral data directory ({@link #inDataDirectory}; which one is the
 * caller's business: mcp-bridge's {@code CorralDirectories} follows XDG) these are {@code
 * components/} and {@code secrets/}. A component without a policy file runs with {@link
 * Policy#denyAll()}.
 *
 * <p>Hands out one {@link PolicyEditor} and one {@link LivePolicy} per component, so edits in this
 * process are serialized and reloads are shared.
 */
public final class PolicyStore {
  /** Appended to a component's id to name its policy file. */
  public static final String POLICY_SUFFIX = ".policy.yaml";

  /** OCI layer media types that carry a policy (Wassette's, then generic YAML). */
  public static final List<String> POLICY_LAYER_MEDIA_TYPES =
      List.of(
          "application/vnd.wasm.policy.v1+yaml",
          "application/vnd.wassette.policy+yaml",
          "application/x-yaml",
          "text/yaml");

  private final Path componentsDirectory;
  private final SecretStore secrets;
  private final Map<String, PolicyEditor> editors = new ConcurrentHashMap<>();
  private final Map<String, LivePolicy> live = new ConcurrentHashMap<>();

  /**
   * The policies of the components in {@code componentsDirectory}, with secrets in {@code
   * secretsDirectory}.
   */
  public PolicyStore(Path componentsDirectory, Path secretsDirectory) {
    this.componentsDirectory = componentsDirectory.toAbsolutePath().normalize();
    this.secrets = new SecretStore(secretsDirectory);
  }

  /** The store of a Corral data directory: {@code <data>/components} and {@code <data>/secrets}. */
  public static PolicyStore inDataDirectory(Path dataDirectory) {
    return new PolicyStore(dataDirectory.resolve("components"), dataDirectory.resolve("secrets"));
  }

  /** Where the components and their policy files are. */
  public Path componentsDirectory() {
    return componentsDirectory;
  }

  public SecretStore secrets() {
    return secrets;
  }

  /** {@code <components>/ID.policy.yaml}. */
  public Path policyFile(String componentId) {
    return componentsDirectory.resolve(ComponentIds.check(componentId) + POLICY_SUFFIX);
  }

  /** The component's policy now; deny-all if it has none. */
  public Policy load(String componentId) throws IOException, PolicyException {
    return editor(componentId).load();
  }

  /** True if the component has a policy file. */
  public boolean hasPolicy(String componentId) {
    return Files.isRegularFile(policyFile(componentId));
  }

  /** The editor for the component's policy file. */
  public PolicyEditor editor(String componentId) {
    return editors.computeIfAbsent(
        ComponentIds.check(componentId), id -> new PolicyEditor(policyFile(id)));
  }

  /** The live view of the component's policy, re-read on change. */
  public LivePolicy live(String componentId) {
    return live.computeIfAbsent(
        ComponentIds.check(componentId), id -> new LivePolicy(policyFile(id)));
  }

  /**
   * Installs a policy that came with the component (such as an OCI policy layer), after validating
   * it.
   */
  public EditResult install(String componentId, byte[] policyYaml)
      throws IOException, PolicyException {
    validate(componentId, policyYaml);
    return editor(componentId).replace(PolicyParser.decode(policyYaml, layerSource(componentId)));
  }

  /**
   * As {@link #install}, but keeps a policy the user already has (so reinstalling or updating a
   * component does not undo their grants); the new policy is validated either way. True if written.
   */
  public boolean installIfAbsent(String componentId, byte[] policyYaml)
      throws IOException, PolicyException {
    validate(componentId, policyYaml);
    if (hasPolicy(componentId)) {
      return false;
    }
    editor(componentId).replace(PolicyParser.decode(policyYaml, layerSource(componentId)));
    return true;
  }

  /**
   * Checks a policy that came with a component (such as an OCI policy layer) as {@link #install}
   * would, without writing anything: call it before installing the component, so that an invalid
   * policy refuses the whole install. Errors name the source {@code policy shipped with ID} (an OCI
   * policy layer, or the file beside a local component).
   */
  public Policy validate(String componentId, byte[] policyYaml) throws PolicyException {
    String source = layerSource(componentId);
    return PolicyParser.parse(PolicyParser.decode(policyYaml, source), source, componentsDirectory);
  }

  private static String layerSource(String componentId) {
    return "policy shipped with " + ComponentIds.check(componentId);
  }

  /** Deletes the component's policy file, returning it to deny-all; false if it had none. */
  public boolean remove(String componentId) throws IOException {
    return Files.deleteIfExists(policyFile(componentId));
  }
}
