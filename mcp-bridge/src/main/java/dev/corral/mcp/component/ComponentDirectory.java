package dev.corral.mcp.component;

import dev.corral.oci.Digest;
import dev.corral.oci.StalePartialFiles;
import dev.corral.policy.AtomicFiles;
import dev.corral.policy.ComponentIds;
import dev.corral.policy.PolicyException;
import dev.corral.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of components: {@code ID.wasm} files, each with an optional {@code ID.policy.yaml}
 * beside it, as its {@link PolicyStore} describes them (the installed components, or the bundled
 * samples). Files are written to a temporary name and renamed, so a failed install never leaves a
 * half-written component behind. Each component's digest at install is recorded beside it ({@code
 * ID.digest}); {@link #verifiedBytes} serves only a binary that still has it.
 */
public final class ComponentDirectory {
  private static final Logger log = LoggerFactory.getLogger(ComponentDirectory.class);

  private final PolicyStore policies;
  private final InstalledDigests digests;

  /** The components in {@code policies}' components directory. */
  public ComponentDirectory(PolicyStore policies) {
    this.policies = policies;
    this.digests = new InstalledDigests(policies.componentsDirectory());
  }

  public Path path() {
    return policies.componentsDirectory();
  }

  /** The policies of these components: one editor and live view per component in this process. */
  public PolicyStore policies() {
    return policies;
  }

  /**
   * Whether {@code component} was loaded from this directory (so its policy is one of {@link
   * #policies()}).
   */
  public boolean holds(ComponentStatus component) {
    return ComponentIds.isValid(component.id())
        && component.source().toAbsolutePath().normalize().equals(componentFile(component.id()));
  }

  /** Whether {@code file} is the component file of an installed component (of a valid id). */
  public boolean holdsFile(Path file) {
    return ComponentIds.isValid(ComponentLoader.idOf(file))
        && file.toAbsolutePath().normalize().equals(componentFile(ComponentLoader.idOf(file)));
  }

  /** The digest record of {@code id} ({@code ID.digest}): the digests its file may have. */
  public Path digestFile(String id) {
    return digests.file(id);
  }

  /**
   * The bytes of {@code id}'s component file, if they have the digest recorded when it was
   * installed. A component installed before digests were recorded has its present digest recorded
   * now (logged), and is checked against it from then on.
   *
   * @throws ComponentLoadException if the file is missing or unreadable, or changed since it was
   *     installed
   */
  public byte[] verifiedBytes(String id) throws ComponentLoadException {
    Path file = componentFile(id);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ComponentLoadException(
          file, "its file is missing; reinstall it (corral component load)", e);
    } catch (IOException e) {
      throw new ComponentLoadException(file, "cannot read: " + e.getMessage(), e);
    }
    Digest actual = Digest.sha256(bytes);
    try {
      Optional<Set<Digest>> accepted = digests.accepted(id);
      if (accepted.isEmpty()) {
        digests.record(id, actual);
        log.info(
            "{} was installed before Corral recorded digests; recorded its digest {} in {}",
            file,
            actual,
            digestFile(id));
      } else if (!accepted.get().contains(actual)) {
        throw new ComponentLoadException(
            file,
            "changed since it was installed (it has "
                + actual
                + ", installed "
                + String.join(" or ", accepted.get().stream().map(Digest::toString).toList())
                + "); reinstall it (corral component load)",
            null);
      }
    } catch (IOException e) {
      throw new ComponentLoadException(
          file, "cannot check it against its install record: " + e.getMessage(), e);
    }
    return bytes;
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
   * (such as an OCI policy layer) is validated first, and an invalid one refuses the whole install:
   * nothing is written. It is written only when {@code id} has no policy yet, so permissions the
   * user granted are kept.
   *
   * @return whether the policy was written
   * @throws PolicyException if the shipped policy is invalid (its problems name {@code policy
   *     shipped with ID})
   */
  public boolean install(String id, Path component, Optional<Path> policy)
      throws IOException, PolicyException {
    if (!ComponentIds.isValid(id)) {
      throw new IllegalArgumentException(
          "invalid component id '" + id + "': use " + ComponentIds.ALLOWED);
    }
    Optional<byte[]> shipped =
        policy.isPresent() ? Optional.of(Files.readAllBytes(policy.get())) : Optional.empty();
    if (shipped.isPresent()) {
      policies.validate(id, shipped.get());
    }
    Files.createDirectories(path());
    StalePartialFiles.sweep(path());
    Digest digest = Digest.sha256(component);
    digests.begin(id, componentFile(id), digest);
    copyAtomically(component, componentFile(id));
    digests.record(id, digest);
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
    existed |= Files.exists(digestFile(id));
    policies.remove(id);
    Files.deleteIfExists(installRecordFile(id));
    policies.secrets().removeAll(id);
    digests.remove(id);
    return existed;
  }

  /**
   * The installed component ids, sorted: each with its file, or with a digest record whose file is
   * missing.
   */
  public List<String> ids() throws IOException {
    Set<String> ids = new TreeSet<>();
    if (!Files.isDirectory(path())) {
      return List.of();
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path(), "*.wasm")) {
      for (Path file : files) {
        ids.add(ComponentLoader.idOf(file));
      }
    }
    try (DirectoryStream<Path> records =
        Files.newDirectoryStream(path(), "*" + InstalledDigests.SUFFIX)) {
      for (Path record : records) {
        String name = record.getFileName().toString();
        String id = name.substring(0, name.length() - InstalledDigests.SUFFIX.length());
        if (ComponentIds.isValid(id)) {
          ids.add(id);
        }
      }
    }
    return new ArrayList<>(ids);
  }

  private static void copyAtomically(Path source, Path target) throws IOException {
    AtomicFiles.write(
        target,
        target.getParent(),
        ".partial",
        temporary -> Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING));
  }
}
