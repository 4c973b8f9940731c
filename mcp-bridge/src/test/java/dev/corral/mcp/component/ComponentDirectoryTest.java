package dev.corral.mcp.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.policy.PolicyException;
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

/**
 * Installed components and their policies lie flat in one directory, as its PolicyStore describes.
 */
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
    Files.writeString(
        policy, "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n");
    assertTrue(installed.install("config", wasm, Optional.of(policy)));
  }

  @Test
  void thePolicyLiesBesideTheComponentAndIsEditedThroughOneEditor() throws Exception {
    Path components = home.resolve(".local/share/corral/components");
    assertEquals(components, installed.path());
    assertEquals(components, installed.policies().componentsDirectory());
    assertEquals(
        home.resolve(".local/share/corral/secrets"), installed.policies().secrets().directory());
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
  void theDigestAtInstallIsRecordedAndOnlyThoseBytesAreServed() throws Exception {
    byte[] bytes = Files.readAllBytes(wasm);
    String digest = dev.corral.oci.Digest.sha256(bytes).toString();
    assertEquals(digest + "\n", Files.readString(installed.digestFile("config")));
    assertArrayEquals(bytes, installed.verifiedBytes("config"));

    byte[] changed = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    Files.write(installed.componentFile("config"), changed);
    ComponentLoadException refused =
        assertThrows(ComponentLoadException.class, () -> installed.verifiedBytes("config"));
    assertEquals(
        installed.componentFile("config")
            + ": changed since it was installed (it has "
            + dev.corral.oci.Digest.sha256(changed)
            + ", installed "
            + digest
            + "); reinstall it (corral component load)",
        refused.getMessage());

    assertFalse(installed.install("config", wasm, Optional.empty()));
    assertArrayEquals(bytes, installed.verifiedBytes("config"));
  }

  @Test
  void aComponentWithoutARecordGetsOneAndARecordWithoutItsFileIsListed() throws Exception {
    Files.delete(installed.digestFile("config"));
    byte[] bytes = installed.verifiedBytes("config");
    assertEquals(
        dev.corral.oci.Digest.sha256(bytes) + "\n",
        Files.readString(installed.digestFile("config")));

    Files.delete(installed.componentFile("config"));
    assertEquals(List.of("config"), installed.ids());
    ComponentLoadException missing =
        assertThrows(ComponentLoadException.class, () -> installed.verifiedBytes("config"));
    assertEquals("its file is missing; reinstall it (corral component load)", missing.reason());
    assertTrue(installed.remove("config"));
    assertEquals(List.of(), installed.ids());
    assertFalse(Files.exists(installed.digestFile("config")));
  }

  @Test
  void aComponentServedFromElsewhereIsNotHeld() throws Exception {
    LoadedComponent elsewhere = new ComponentLoader().load(wasm);
    assertFalse(installed.holds(elsewhere));
    assertEquals(home.resolve("download/config.policy.yaml"), elsewhere.policy().file());
  }

  @Test
  void anInvalidShippedPolicyRefusesTheWholeInstall() throws Exception {
    Path broken = home.resolve("download/broken.policy.yaml");
    Files.writeString(
        broken,
        "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: \"exa*mple.com\"\n");
    PolicyException e =
        assertThrows(
            PolicyException.class, () -> installed.install("fresh", wasm, Optional.of(broken)));
    assertEquals(
        "policy shipped with fresh:5:15: a wildcard may only be a leading '*.' label, as in *.example.com"
            + " (at permissions.network.allow[0].host)\n"
            + "  hint: write a host name (api.example.com), a wildcard (*.example.com), an IP address,"
            + " or a URL such as https://api.example.com",
        e.getMessage());
    assertFalse(Files.exists(installed.componentFile("fresh")));
    assertFalse(Files.exists(installed.policyFile("fresh")));
    assertEquals(List.of("config"), installed.ids());

    // Also when the user's own policy would be kept: a component whose publisher ships a broken
    // policy is not installed.
    String mine = Files.readString(installed.policyFile("config"));
    byte[] component = Files.readAllBytes(installed.componentFile("config"));
    assertThrows(
        PolicyException.class, () -> installed.install("config", wasm, Optional.of(broken)));
    assertEquals(mine, Files.readString(installed.policyFile("config")));
    assertArrayEquals(component, Files.readAllBytes(installed.componentFile("config")));
  }

  @Test
  void aValidShippedPolicyDoesNotReplaceTheUsersPolicy() throws Exception {
    installed.policies().editor("config").grantEnvironment("TZ");
    Path other = home.resolve("download/other.policy.yaml");
    Files.writeString(other, "version: \"1.0\"\n");
    assertFalse(installed.install("config", wasm, Optional.of(other)));
    assertEquals(
        Set.of("LANG", "TZ"), installed.policies().load("config").environment().allowedKeys());
  }

  @Test
  void theDataDirectoryFollowsXdg() {
    Path user = Path.of("/home/u");
    assertEquals(
        Path.of("/x/data/corral"),
        CorralDirectories.of(Map.of("XDG_DATA_HOME", "/x/data"), user).data());
    assertEquals(
        Path.of("/home/u/.local/share/corral"), CorralDirectories.of(Map.of(), user).data());
    assertEquals(
        Path.of("/home/u/.local/share/corral"),
        CorralDirectories.of(Map.of("XDG_DATA_HOME", ""), user).data());
    assertEquals(
        Path.of("/home/u/.local/share/corral"),
        CorralDirectories.of(Map.of("XDG_DATA_HOME", "relative"), user).data());
    assertEquals(
        Path.of("/x/config/corral/trust.json"),
        CorralDirectories.of(Map.of("XDG_CONFIG_HOME", "/x/config"), user).trustPolicy());
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
