package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral component load FILE} installs the policy beside the file with the component. */
class ComponentLoadCliIT {
  @TempDir Path home;
  @TempDir Path files;

  private McpProcess corral(String... args) throws Exception {
    return McpProcess.start(McpProcess.corral(home, args));
  }

  private Path components() {
    return home.resolve("data/corral/components");
  }

  @Test
  void aLocalFileIsInstalledWithThePolicyBesideIt() throws Exception {
    Path wasm = files.resolve("adder.wasm");
    Files.copy(McpProcess.testComponent("adder.component.wasm"), wasm);
    String policy =
        "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n";
    Files.writeString(files.resolve("adder.policy.yaml"), policy);
    try (McpProcess load = corral("component", "load", wasm.toString())) {
      assertEquals(0, load.waitForExit(), load.stderr());
      List<String> out = load.stdoutSoFar();
      assertEquals(3, out.size(), out.toString());
      assertEquals(
          "installed adder from " + wasm.toUri(),
          out.get(0).substring(0, out.get(0).indexOf(" (sha256:")));
      assertEquals("signature: local file: no signature checked", out.get(1));
      assertEquals(
          "policy: " + components().resolve("adder.policy.yaml") + " (shipped with the component)",
          out.get(2));
      assertEquals("corral: WARNING: local file: no signature checked", load.stderr().strip());
    }
    assertEquals(policy, Files.readString(components().resolve("adder.policy.yaml")));
  }

  @Test
  void anInvalidPolicyBesideTheFileRefusesTheInstall() throws Exception {
    Path wasm = files.resolve("adder.wasm");
    Files.copy(McpProcess.testComponent("adder.component.wasm"), wasm);
    Files.writeString(files.resolve("adder.policy.yaml"), "version: \"1.0\"\npermisions: {}\n");
    try (McpProcess load = corral("component", "load", wasm.toString())) {
      assertEquals(1, load.waitForExit());
      assertEquals(
          List.of(
              "corral: WARNING: local file: no signature checked",
              "corral: "
                  + wasm
                  + ": refusing to install it: its policy is invalid: policy shipped with adder:2:1: unknown key"
                  + " 'permisions' (at permisions)",
              "  hint: did you mean 'permissions'? allowed here: $schema, description, limits, permissions, secrets, version"),
          load.stderr().lines().toList());
      assertEquals(List.of(), load.stdoutSoFar());
    }
    assertFalse(Files.exists(components().resolve("adder.wasm")));
    assertFalse(Files.exists(components().resolve("adder.policy.yaml")));
  }
}
