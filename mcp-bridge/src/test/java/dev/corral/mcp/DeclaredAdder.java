package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployment declaring one component for {@code serve --deployment}: the adder, pushed to a
 * registry and signed with a key made in {@code home} (by the real CLI), pinned by digest, with a
 * policy granting network access to example.com.
 */
final class DeclaredAdder {
  private final Path home;
  private final String registry;

  DeclaredAdder(Path home, String registry) {
    this.home = home;
    this.registry = registry;
  }

  /** Makes the key pair {@code NAME.key}/{@code NAME.pub} in home. */
  void keygen(String name) throws Exception {
    corral("keygen", name);
  }

  /**
   * Pushes the adder, signs it with {@code dev.key} (made here) and returns the directory declaring
   * it, with {@code key} (a public key in home) as the key that must have signed it.
   */
  Path declare(String key) throws Exception {
    keygen("dev");
    Path adder = Files.copy(testComponent("adder.component.wasm"), home.resolve("adder.wasm"));
    String pushed = corral("push", adder.toString(), "oci://" + registry + "/tools/adder:1");
    Matcher digest = Pattern.compile("@(sha256:[0-9a-f]{64})").matcher(pushed);
    assertTrue(digest.find(), pushed);
    corral("sign", "oci://" + registry + "/tools/adder:1", "--key", "dev.key");
    Path declared = Files.createDirectories(home.resolve("deployment"));
    Files.copy(home.resolve(key), declared.resolve(key));
    Files.writeString(
        declared.resolve("adder.policy.yaml"),
        "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: example.com\n");
    Files.writeString(
        declared.resolve("deployment.yaml"),
        "components:\n  - id: adder\n    ref: oci://"
            + registry
            + "/tools/adder@"
            + digest.group(1)
            + "\n    key: "
            + key
            + "\n    policy: adder.policy.yaml\n");
    return declared;
  }

  /** Runs {@code corral ARGS} in home with the registry reachable over HTTP; returns its stdout. */
  private String corral(String... args) throws Exception {
    ProcessBuilder builder = McpProcess.corral(home, args);
    builder.environment().put("CORRAL_INSECURE_REGISTRIES", registry);
    builder.environment().put("COSIGN_PASSWORD", "correct horse");
    builder.directory(home.toFile());
    try (McpProcess run = McpProcess.start(builder)) {
      assertEquals(0, run.waitForExit(), String.join(" ", args) + ": " + run.stderr());
      return String.join("\n", run.stdoutSoFar());
    }
  }
}
