package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.samples.SampleTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral policy} and {@code corral permission} on a component file's policy. */
class PermissionCliIT {
  @TempDir Path dir;

  private String run(int expectedStatus, String... args) throws Exception {
    try (McpProcess process = McpProcess.start(McpProcess.corral(dir, args))) {
      int status = process.waitForExit();
      String out = String.join("\n", process.stdoutSoFar());
      assertEquals(
          expectedStatus,
          status,
          String.join(" ", args) + "\nstdout:\n" + out + "\nstderr:\n" + process.stderr());
      return expectedStatus == 0 ? out : process.stderr().strip();
    }
  }

  @Test
  void grantsAndRevokesEditThePolicyBesideTheComponentKeepingComments() throws Exception {
    Path wasm = dir.resolve("config.wasm");
    Files.write(wasm, SampleTools.find("config").orElseThrow().wasm());
    Path policy = dir.resolve("config.policy.yaml");
    Files.writeString(
        policy,
        "# my notes about this tool\nversion: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n");
    String target = wasm.toString();

    assertEquals(
        "# my notes about this tool\nversion: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG",
        run(0, "policy", "get", target));

    assertEquals(
        "granted environment variable HOME to " + target + " (" + policy + ")",
        run(0, "permission", "grant", "environment-variable", target, "HOME"));
    assertEquals(
        "unchanged: granted environment variable HOME to " + target + " (" + policy + ")",
        run(0, "permission", "grant", "env", target, "HOME"));
    run(0, "permission", "grant", "storage", target, "fs:///srv/data", "--access", "read,write");
    run(0, "permission", "grant", "network", target, "*.example.com");
    run(0, "permission", "limit", target, "timeout", "5s");
    assertTrue(
        Files.readString(policy).startsWith("# my notes about this tool\n"),
        Files.readString(policy));

    var granted = JSON.readTree(run(0, "policy", "get", target, "-o", "json"));
    assertEquals(
        "[{\"key\":\"LANG\"},{\"key\":\"HOME\"}]",
        granted.at("/permissions/environment/allow").toString());
    assertEquals("fs:///srv/data", granted.at("/permissions/storage/allow/0/uri").asString());
    assertEquals("*.example.com", granted.at("/permissions/network/allow/0/host").asString());

    run(0, "permission", "revoke", "env", target, "LANG");
    assertEquals(
        "[{\"key\":\"HOME\"}]",
        JSON.readTree(run(0, "policy", "get", target, "-o", "json"))
            .at("/permissions/environment/allow")
            .toString());

    assertEquals(
        "reset all permissions of " + target + " (" + policy + ")",
        run(0, "permission", "reset", target));
    var reset = JSON.readTree(run(0, "policy", "get", target, "-o", "json"));
    assertTrue(
        reset.at("/permissions/environment/allow").isMissingNode()
            || reset.at("/permissions/environment/allow").isEmpty(),
        reset.toString());
    assertTrue(
        reset.at("/permissions/storage/allow").isMissingNode()
            || reset.at("/permissions/storage/allow").isEmpty(),
        reset.toString());
  }

  @Test
  void corralsOwnVariablesAndDirectoriesCannotBeGrantedAndAreWithheldFromPolicyFiles()
      throws Exception {
    String target = configWith("version: \"1.0\"\n").toString();
    Path policy = dir.resolve("config.policy.yaml");
    for (String key :
        List.of("CORRAL_TOKEN", "COSIGN_PASSWORD", "CORRAL_INSECURE_REGISTRIES", "DOCKER_CONFIG")) {
      assertEquals(
          "corral: "
              + key
              + " cannot be granted: it is one of Corral's own environment variables,"
              + " which no component may read",
          run(1, "permission", "grant", "env", target, key));
    }
    // McpProcess.corral puts XDG data, config and cache under dir
    assertEquals(
        "corral: fs://"
            + dir
            + " cannot be granted: it covers Corral's token file "
            + dir.resolve("config/corral/token")
            + ", which no component may reach",
        run(1, "permission", "grant", "storage", target, "fs://" + dir));
    assertEquals(
        "corral: fs://"
            + dir.resolve("cache/corral/x")
            + " cannot be granted: it lies inside Corral's cache directory "
            + dir.resolve("cache/corral")
            + ", which no component may reach",
        run(
            1,
            "permission",
            "grant",
            "storage",
            target,
            "fs://" + dir.resolve("cache/corral/x"),
            "--access",
            "read,write"));
    // a path leading there through a link is no way around it
    Files.createDirectories(dir.resolve("data/corral"));
    Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("data"));
    assertEquals(
        "corral: fs://"
            + dir.resolve("alias")
            + " cannot be granted: it covers Corral's secrets directory "
            + dir.resolve("data/corral/secrets")
            + ", which no component may reach",
        run(1, "permission", "grant", "storage", target, "fs://" + dir.resolve("alias")));
    assertEquals("version: \"1.0\"\n", Files.readString(policy));

    // a policy file naming them anyway: valid, and each such rule withheld
    Files.writeString(
        policy,
        "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"fs://"
            + dir.resolve("config")
            + "\"\n        access: [read]\n  environment:\n    allow:\n      - key: LANG\n      - key: CORRAL_TOKEN\n");
    assertEquals(
        policy
            + ": valid\n"
            + "withheld: permissions.storage.allow[0] (fs://"
            + dir.resolve("config")
            + ") not granted: it covers Corral's token file "
            + dir.resolve("config/corral/token")
            + ", which no component may reach\n"
            + "withheld: permissions.environment.allow[1] (CORRAL_TOKEN) not granted: it is one of Corral's own environment"
            + " variables, which no component may read",
        run(0, "policy", "validate", policy.toString()));
  }

  /** The config sample as a component file in the test directory, with {@code policy} beside it. */
  private Path configWith(String policy) throws Exception {
    Path wasm = dir.resolve("config.wasm");
    Files.write(wasm, SampleTools.find("config").orElseThrow().wasm());
    Files.writeString(dir.resolve("config.policy.yaml"), policy);
    return wasm;
  }

  @Test
  void storageAndNetworkGrantsDenyRulesAndPartialRevokesEditTheFileInPlace() throws Exception {
    String target =
        configWith(
                "# my notes\nversion: \"1.0\"\npermissions:\n  storage:\n    allow:\n"
                    + "      - uri: \"fs:///srv/data\"  # the data\n        access: [read, write]\n")
            .toString();
    Path policy = dir.resolve("config.policy.yaml");
    String in = " (" + policy + ")";

    assertEquals(
        "revoked [write] on fs:///srv/data from " + target + in,
        run(0, "permission", "revoke", "storage", target, "fs:///srv/data", "--access", "write"));
    assertEquals(
        "denied [read, write] on fs:///srv/data/private for " + target + in,
        run(0, "permission", "deny", "storage", target, "fs:///srv/data/private"));
    assertEquals(
        "granted network access to api.example.com (ports [443, 8000-8100], schemes [https]) to "
            + target
            + in,
        run(
            0,
            "permission",
            "grant",
            "network",
            target,
            "api.example.com",
            "--port",
            "443,8000-8100",
            "--scheme",
            "https"));
    assertEquals(
        "granted network access to *.example.org to " + target + in,
        run(0, "permission", "grant", "network", target, "*.example.org"));
    assertEquals(
        "denied network access to 169.254.0.0/16 for " + target + in,
        run(0, "permission", "deny", "network", target, "169.254.0.0/16"));
    assertEquals(
        "denied network access to *.example.org (ports [25]) for " + target + in,
        run(0, "permission", "deny", "network", target, "*.example.org", "--port", "25"));
    assertEquals(
        "revoked network access to *.example.org from " + target + in,
        run(0, "permission", "revoke", "network", target, "*.example.org"));
    assertEquals(
        "unchanged: revoked network access to *.example.org from " + target + in,
        run(0, "permission", "revoke", "network", target, "*.example.org"));
    assertEquals(
        """
        # my notes
        version: "1.0"
        permissions:
          storage:
            allow:
              - uri: "fs:///srv/data"  # the data
                access: ["read"]
            deny:
              - uri: "fs:///srv/data/private"
                access: ["read", "write"]
          network:
            allow:
              - host: "api.example.com"
                ports: [443, "8000-8100"]
                schemes: ["https"]
            deny:
              - cidr: "169.254.0.0/16"
              - host: "*.example.org"
                ports: [25]
        """,
        Files.readString(policy));

    assertEquals(
        "revoked [read, write] on fs:///srv/data from " + target + in,
        run(0, "permission", "revoke", "storage", target, "fs:///srv/data"));
    assertEquals(
        "reset network of " + target + in, run(0, "permission", "reset", target, "network"));
    assertEquals(
        """
        # my notes
        version: "1.0"
        permissions:
          storage:
            allow: []
            deny:
              - uri: "fs:///srv/data/private"
                access: ["read", "write"]
        """,
        Files.readString(policy));
  }

  @Test
  void limitsAreSetAndClearedAndSecretsGrantedAndRevoked() throws Exception {
    String target = configWith("version: \"1.0\"\nlimits:\n  memory: 64Mi  # enough\n").toString();
    Path policy = dir.resolve("config.policy.yaml");
    String in = " (" + policy + ")";

    assertEquals(
        "set limit timeout = 5s for " + target + in,
        run(0, "permission", "limit", target, "timeout", "5s"));
    assertEquals(
        "set limit output = 2Mi for " + target + in,
        run(0, "permission", "limit", target, "output", "2Mi"));
    assertEquals(
        "cleared limit memory (the default applies) for " + target + in,
        run(0, "permission", "limit", target, "memory", "--clear"));
    assertEquals(
        "unchanged: cleared limit memory (the default applies) for " + target + in,
        run(0, "permission", "limit", target, "memory", "--clear"));
    assertEquals(
        "corral: give either a VALUE for timeout or --clear, not neither",
        run(1, "permission", "limit", target, "timeout"));
    assertEquals(
        "corral: give either a VALUE for timeout or --clear, not both",
        run(1, "permission", "limit", target, "timeout", "5s", "--clear"));
    assertEquals(
        "corral: invalid value: timeout must be more than 0 and at most 24h\n  hint: such as 30s",
        run(1, "permission", "limit", target, "timeout", "0s"));

    assertEquals(
        "granted secret api-token as API_TOKEN to " + target + in,
        run(0, "permission", "grant", "secret", target, "api-token", "--env", "API_TOKEN"));
    assertEquals(
        "granted secret github as github to " + target + in,
        run(0, "permission", "grant", "secret", target, "github"));
    assertEquals(
        """
        version: "1.0"
        limits:
          timeout: "5s"
          output: "2Mi"
        secrets:
          - name: "api-token"
            env: "API_TOKEN"
          - name: "github"
            env: "github"
        """,
        Files.readString(policy));
    assertEquals(
        "revoked secret api-token from " + target + in,
        run(0, "permission", "revoke", "secret", target, "api-token"));
    assertEquals(
        "reset limits, secrets of " + target + in,
        run(0, "permission", "reset", target, "limits", "secrets"));
    assertEquals("version: \"1.0\"\n", Files.readString(policy));
  }

  @Test
  void badArgumentsAndBrokenFilesAreRefusedWithOneMessage() throws Exception {
    String target = configWith("version: \"1.0\"\n").toString();
    Path policy = dir.resolve("config.policy.yaml");
    assertEquals(
        "corral: invalid target: port 0 is out of range\n"
            + "  hint: a port is a number 1-65535, a range is a string \"first-last\"",
        run(1, "permission", "grant", "network", target, "api.example.com", "--port", "0"));
    assertEquals(
        "corral: invalid uri: storage URI must start with fs://\n"
            + "  hint: write fs:///absolute/path, optionally ending in /** (any depth) or with * inside a segment",
        run(1, "permission", "deny", "storage", target, "/etc"));

    String broken = "version: \"1.0\"\nlimits:\n  timeout: 3000000000000000h\n";
    Files.writeString(policy, broken);
    assertEquals(
        "corral: the policy file is invalid, so it was not edited (fix it, or start over with corral permission reset "
            + target
            + "):\n"
            + policy
            + ":3:12: '3000000000000000h' is too large (at limits.timeout)\n"
            + "  hint: such as 500ms, 30s or 5m; at most 24h",
        run(1, "permission", "grant", "env", target, "HOME"));
    assertEquals(broken, Files.readString(policy));

    assertEquals(
        "corral: "
            + policy
            + " is invalid, so it is not in force:\n"
            + policy
            + ":3:12: '3000000000000000h' is too large (at limits.timeout)\n"
            + "  hint: such as 500ms, 30s or 5m; at most 24h\n"
            + "In force instead: a running server keeps the last valid version it read (deny-all if it never read one);"
            + " a server started now does not serve the component until the file is fixed (corral policy validate "
            + policy
            + " checks it; corral permission reset "
            + target
            + " starts over).",
        run(1, "policy", "get", target));
    assertEquals(
        "reset all permissions of " + target + " (" + policy + ")",
        run(0, "permission", "reset", target));
    assertEquals("version: \"1.0\"\npermissions: {}", run(0, "policy", "get", target));
  }

  @Test
  void validateReportsEachProblemWithItsPosition() throws Exception {
    Path good = dir.resolve("good.policy.yaml");
    Files.writeString(
        good,
        "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: api.example.com\n");
    assertEquals(good + ": valid", run(0, "policy", "validate", good.toString()));

    Path bad = dir.resolve("bad.policy.yaml");
    Files.writeString(
        bad,
        "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - hots: api.example.com\n");
    assertEquals(
        "corral: "
            + bad
            + ":5:9: unknown key 'hots' (at permissions.network.allow[0].hots)\n"
            + "  hint: allowed here: cidr, defaults, host, ports, schemes\n"
            + bad
            + ":5:9: a network rule needs one of host, cidr or defaults (at permissions.network.allow[0])\n"
            + "  hint: write separate rules, such as - host: \"api.example.com\" and - cidr: \"10.0.0.0/8\"",
        run(1, "policy", "validate", bad.toString()));
    assertEquals(
        "corral: " + dir.resolve("none.yaml") + ": no such file",
        run(1, "policy", "validate", dir.resolve("none.yaml").toString()));
  }

  @Test
  void validatePrintsNoticesAndTheStorageRulesTheSandboxWithholds() throws Exception {
    Path file = dir.resolve("wassette.policy.yaml");
    Files.writeString(
        file,
        """
        version: "1.0"
        permissions:
          storage:
            allow:
              - uri: "fs:///srv/data"
                access: [read, write]
              - uri: "fs:///var/log/*.log"
                access: [read]
            deny:
              - uri: "fs:///srv/data/private"
                access: [write]
          runtime: {docker: {}}
          resources:
            limits: {cpu: 500m}
        """);
    assertEquals(
        file
            + ": valid\n"
            + "notice: permissions.runtime is accepted for Wassette compatibility and has no effect in Corral\n"
            + "notice: permissions.resources.limits.cpu is not enforced; limits.timeout bounds each call's CPU time\n"
            + "withheld: permissions.storage.allow[0] (fs:///srv/data): [write] withheld because of"
            + " permissions.storage.deny[0] (fs:///srv/data/private)\n"
            + "withheld: permissions.storage.allow[1] (fs:///var/log/*.log) not granted: its pattern needs per-path checks,"
            + " which directory grants cannot make",
        run(0, "policy", "validate", file.toString()));
  }

  @Test
  void unknownComponentIsNamed() throws Exception {
    assertEquals(
        "corral: no component file or installed component 'nope' (see corral component list)",
        run(1, "permission", "grant", "env", "nope", "HOME"));
  }
}
