package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentDirectory;
import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.CorralDirectories;
import dev.corral.policy.ComponentIds;
import dev.corral.policy.PolicyEditor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the policy a policy or permission command works on: for a component file, the {@code
 * NAME.policy.yaml} beside it; for an id, the installed component's, else the bundled sample's (as
 * written by {@code corral serve}).
 */
final class PolicyTarget {
  private PolicyTarget() {}

  /**
   * The editor of {@code target}'s policy file; {@code componentDir} overrides where installed
   * components are.
   */
  static PolicyEditor editor(String target, Path componentDir) throws CliException {
    Path file = Path.of(target);
    if (target.endsWith(".wasm") || Files.isRegularFile(file)) {
      return new PolicyEditor(ComponentLoader.policyFile(file));
    }
    CorralDirectories directories = CorralDirectories.current();
    if (ComponentIds.isValid(target)) {
      for (ComponentDirectory components :
          List.of(
              directories.installed(componentDir),
              directories.componentDirectory(directories.samples()))) {
        if (Files.exists(components.componentFile(target))) {
          return components.policies().editor(target);
        }
      }
    }
    throw new CliException(
        "no component file or installed component '" + target + "' (see corral component list)");
  }
}
