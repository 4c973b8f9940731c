package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.samples.SampleTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral policy} and {@code corral permission} on a component file's policy. */
class PermissionCliIT {
  @TempDir Path dir;

  private String run(int expectedStatus, String... args) throws Exception {
    try (McpProcess process = McpProcess.start(McpProcess.corral(dir, args))) {
      int status = process.waitForExit();
      String out = String.join("\n", process.stdoutSoFar());
      assertEquals(expectedStatus, status, String.join(" ", args) + "\nstdout:\n" + out + "\nstderr:\n" + process.stderr());
      return expectedStatus == 0 ? out : process.stderr().strip();
    }
  }

  @Test
  void grantsAndRevokesEditThePolicyBesideTheComponentKeepingComments() throws Exception {
    Path wasm = dir.resolve("config.wasm");
    Files.write(wasm, SampleTools.find("config").orElseThrow().wasm());
    Path policy = dir.resolve("config.policy.yaml");
    Files.writeString(policy, "# my notes about this tool\nversion: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n");
    String target = wasm.toString();

    assertEquals("# my notes about this tool\nversion: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG",
        run(0, "policy", "get", target));

    assertEquals("granted environment variable HOME to " + target + " (" + policy + ")",
        run(0, "permission", "grant", "environment-variable", target, "HOME"));
    assertEquals("unchanged: granted environment variable HOME to " + target + " (" + policy + ")",
        run(0, "permission", "grant", "env", target, "HOME"));
    run(0, "permission", "grant", "storage", target, "fs:///srv/data", "--access", "read,write");
    run(0, "permission", "grant", "network", target, "*.example.com");
    run(0, "permission", "limit", target, "timeout", "5s");
    assertTrue(Files.readString(policy).startsWith("# my notes about this tool\n"), Files.readString(policy));

    var granted = JSON.readTree(run(0, "policy", "get", target, "-o", "json"));
    assertEquals("[{\"key\":\"LANG\"},{\"key\":\"HOME\"}]", granted.at("/permissions/environment/allow").toString());
    assertEquals("fs:///srv/data", granted.at("/permissions/storage/allow/0/uri").asString());
    assertEquals("*.example.com", granted.at("/permissions/network/allow/0/host").asString());

    run(0, "permission", "revoke", "env", target, "LANG");
    assertEquals("[{\"key\":\"HOME\"}]",
        JSON.readTree(run(0, "policy", "get", target, "-o", "json")).at("/permissions/environment/allow").toString());

    assertEquals("reset all permissions of " + target + " (" + policy + ")", run(0, "permission", "reset", target));
    var reset = JSON.readTree(run(0, "policy", "get", target, "-o", "json"));
    assertTrue(reset.at("/permissions/environment/allow").isMissingNode() || reset.at("/permissions/environment/allow").isEmpty(),
        reset.toString());
    assertTrue(reset.at("/permissions/storage/allow").isMissingNode() || reset.at("/permissions/storage/allow").isEmpty(),
        reset.toString());
  }

  @Test
  void validateReportsEachProblemWithItsPosition() throws Exception {
    Path good = dir.resolve("good.policy.yaml");
    Files.writeString(good, "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: api.example.com\n");
    assertEquals(good + ": valid", run(0, "policy", "validate", good.toString()));

    Path bad = dir.resolve("bad.policy.yaml");
    Files.writeString(bad, "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - hots: api.example.com\n");
    String error = run(1, "policy", "validate", bad.toString());
    assertTrue(error.startsWith("corral: " + bad + ":5:9: unknown key 'hots'"), error);
  }

  @Test
  void unknownComponentIsNamed() throws Exception {
    assertEquals("corral: no component file or installed component 'nope' (see corral component list)",
        run(1, "permission", "grant", "env", "nope", "HOME"));
  }
}
