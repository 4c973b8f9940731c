package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentDirectory;
import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.CorralDirectories;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the policy file a policy or permission command works on: for a component file, the
 * {@code NAME.policy.yaml} beside it; for an id, the installed component's, else the bundled
 * sample's (as written by {@code corral serve}).
 */
final class PolicyTarget {
  private PolicyTarget() {}

  static Path policyFile(String target, Path componentDir) throws CliException {
    Path file = Path.of(target);
    if (target.endsWith(".wasm") || Files.isRegularFile(file)) {
      return ComponentLoader.policyFile(file, ComponentLoader.idOf(file));
    }
    CorralDirectories directories = CorralDirectories.current();
    ComponentDirectory installed = new ComponentDirectory(componentDir != null ? componentDir : directories.components());
    if (Files.exists(installed.componentFile(target))) {
      return installed.policyFile(target);
    }
    ComponentDirectory samples = new ComponentDirectory(directories.samples());
    if (Files.exists(samples.componentFile(target))) {
      return samples.policyFile(target);
    }
    throw new CliException("no component file or installed component '" + target + "' (see corral component list)");
  }
}
