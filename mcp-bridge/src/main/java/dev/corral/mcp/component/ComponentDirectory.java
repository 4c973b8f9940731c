package dev.corral.mcp.component;

import dev.corral.oci.StalePartialFiles;
import dev.corral.policy.AtomicFiles;
import dev.corral.policy.ComponentIds;
import dev.corral.policy.PolicyException;
import dev.corral.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A directory of components: {@code ID.wasm} files, each with an optional {@code ID.policy.yaml}
 * beside it, as its {@link PolicyStore} describes them (the installed components, or the bundled
 * samples). Files are written to a temporary name and renamed, so a failed install never leaves a
 * half-written component behind.
 */
public final class ComponentDirectory {

  private final PolicyStore policies;

  /** The components in {@code policies}' components directory. */
  public ComponentDirectory(PolicyStore policies) {
    this.policies = policies;
  }

  public Path path() {
    return policies.componentsDirectory();
  }

  /** The policies of these components: one editor and live view per component in this process. */
  public PolicyStore policies() {
    return policies;
  }

  /** Whether {@code component} was loaded from this directory (so its policy is one of {@link #policies()}). */
  public boolean holds(LoadedComponent component) {
    return ComponentIds.isValid(component.id()) && component.source().toAbsolutePath().normalize().equals(componentFile(component.id()));
  }

  /** The component file of {@code id}. */
  public Path componentFile(String id) {
    return path().resolve(id + ".wasm");
  }

  /** The policy file of {@code id}. */
  public Path policyFile(String id) {
    return policies.policyFile(id);
  }

  /**
   * Installs {@code component} as {@code id}, replacing an earlier one. A shipped {@code policy}
   * (such as an OCI policy layer) is validated first, and an invalid one refuses the whole
   * install: nothing is written. It is written only when {@code id} has no policy yet, so
   * permissions the user granted are kept.
   *
   * @return whether the policy was written
   * @throws PolicyException if the shipped policy is invalid (its problems name {@code policy shipped with ID})
   */
  public boolean install(String id, Path component, Optional<Path> policy) throws IOException, PolicyException {
    if (!ComponentIds.isValid(id)) {
      throw new IllegalArgumentException("invalid component id '" + id + "': use " + ComponentIds.ALLOWED);
    }
    Optional<byte[]> shipped = policy.isPresent() ? Optional.of(Files.readAllBytes(policy.get())) : Optional.empty();
    if (shipped.isPresent()) {
      policies.validate(id, shipped.get());
    }
    Files.createDirectories(path());
    StalePartialFiles.sweep(path());
    copyAtomically(component, componentFile(id));
    return shipped.isPresent() && policies.installIfAbsent(id, shipped.get());
  }

  /** The install record of {@code id} ({@link InstallRecord}). */
  public Path installRecordFile(String id) {
    return path().resolve(id + ".install.json");
  }

  /**
   * Removes {@code id}, its policy, its install record and its secrets (so that a later component
   * under the same id starts without them); false if it was not installed.
   */
  public boolean remove(String id) throws IOException {
    if (!ComponentIds.isValid(id)) {
      return false;
    }
    boolean existed = Files.deleteIfExists(componentFile(id));
    policies.remove(id);
    Files.deleteIfExists(installRecordFile(id));
    policies.secrets().removeAll(id);
    return existed;
  }

  /** The installed component ids, sorted. */
  public List<String> ids() throws IOException {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(path())) {
      return ids;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path(), "*.wasm")) {
      for (Path file : files) {
        ids.add(ComponentLoader.idOf(file));
      }
    }
    ids.sort(null);
    return ids;
  }

  private static void copyAtomically(Path source, Path target) throws IOException {
    AtomicFiles.write(target, target.getParent(), ".partial",
        temporary -> Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING));
  }
}
