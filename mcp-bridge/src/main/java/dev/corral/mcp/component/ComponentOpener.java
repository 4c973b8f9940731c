package dev.corral.mcp.component;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens a component file for serving, failing closed: an installed component's binary must have the
 * digest recorded at install ({@link ComponentDirectory#verifiedBytes}), every component must
 * decode and link, and its policy must be valid. Whatever fails makes it an {@link
 * UnservedComponent} with the reason, so one broken component never stops the others.
 */
public final class ComponentOpener {
  private final ComponentLoader loader;
  private final ComponentDirectory installed;

  public ComponentOpener(ComponentLoader loader, ComponentDirectory installed) {
    this.loader = loader;
    this.installed = installed;
  }

  /**
   * The component in {@code file}, served under its id ({@link ComponentLoader#idOf}), or why it
   * cannot be served.
   */
  public ComponentStatus open(Path file) {
    String id = ComponentLoader.idOf(file);
    try {
      return installed.holdsFile(file)
          ? loader.load(file, installed.verifiedBytes(id))
          : loader.load(file);
    } catch (ComponentLoadException e) {
      return UnservedComponent.of(id, e);
    }
  }

  /**
   * Why the installed component {@code id} cannot be served, as far as its files tell without
   * compiling it (for listing): a binary missing or changed since it was installed, or an invalid
   * policy, with the reason {@link #open} gives. Whether the binary still decodes and links (it did
   * when it was installed) only {@link #open} checks.
   */
  public Optional<UnservedComponent> checkInstalled(String id) {
    Path file = installed.componentFile(id);
    try {
      installed.verifiedBytes(id);
    } catch (ComponentLoadException e) {
      return Optional.of(UnservedComponent.of(id, e));
    }
    return ComponentLoader.policyProblem(file)
        .map(reason -> new UnservedComponent(id, file, reason));
  }

  /**
   * The files {@link #open} reads for {@code file}: when none of them changed, neither would its
   * answer.
   */
  public List<Path> inputs(Path file) {
    Path policy = ComponentLoader.policyFile(file);
    return installed.holdsFile(file)
        ? List.of(file, policy, installed.digestFile(ComponentLoader.idOf(file)))
        : List.of(file, policy);
  }
}
