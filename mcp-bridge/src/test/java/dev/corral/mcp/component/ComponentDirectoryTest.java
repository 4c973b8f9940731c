package dev.corral.mcp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.samples.SampleTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installed components and their policies lie flat in one directory, as its PolicyStore describes. */
class ComponentDirectoryTest {
  @TempDir Path home;
  private CorralDirectories directories;
  private ComponentDirectory installed;
  private Path wasm;

  @BeforeEach
  void installTheConfigSample() throws Exception {
    directories = CorralDirectories.of(Map.of(), home);
    installed = directories.installed(null);
    wasm = home.resolve("download/config.wasm");
    Files.createDirectories(wasm.getParent());
    Files.write(wasm, SampleTools.find("config").orElseThrow().wasm());
    Path policy = home.resolve("download/shipped.policy.yaml");
    Files.writeString(policy, "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n");
    assertTrue(installed.install("config", wasm, Optional.of(policy)));
  }

  @Test
  void thePolicyLiesBesideTheComponentAndIsEditedThroughOneEditor() throws Exception {
    Path components = home.resolve(".local/share/corral/components");
    assertEquals(components, installed.path());
    assertEquals(components, installed.policies().componentsDirectory());
    assertEquals(home.resolve(".local/share/corral/secrets"), installed.policies().secrets().directory());
    assertEquals(components.resolve("config.policy.yaml"), installed.policyFile("config"));
    assertEquals(List.of("config"), installed.ids());

    LoadedComponent component = new ComponentLoader().load(installed.componentFile("config"));
    assertTrue(installed.holds(component));
    assertEquals(installed.policyFile("config"), component.policy().file());
    assertSame(installed.policies().editor("config"), installed.policies().editor("config"));

    installed.policies().editor("config").grantEnvironment("TZ");
    assertEquals(Set.of("LANG", "TZ"), component.policy().current().environment().allowedKeys());
  }

  @Test
  void aComponentServedFromElsewhereIsNotHeld() throws Exception {
    LoadedComponent elsewhere = new ComponentLoader().load(wasm);
    assertFalse(installed.holds(elsewhere));
    assertEquals(home.resolve("download/config.policy.yaml"), elsewhere.policy().file());
  }

  @Test
  void removeDeletesComponentAndPolicyAndIgnoresIdsThatCannotBeInstalled() throws Exception {
    assertFalse(installed.remove("../config"));
    assertFalse(installed.remove("a..b"));
    assertTrue(installed.remove("config"));
    assertFalse(Files.exists(installed.componentFile("config")));
    assertFalse(Files.exists(installed.policyFile("config")));
    assertFalse(installed.remove("config"));
  }
}
