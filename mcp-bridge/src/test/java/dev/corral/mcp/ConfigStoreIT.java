package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code wasi:config/store} through the real server: the sandbox's config-probe (C) sees as its
 * configuration exactly the environment variables its policy allows and the secrets it names (under
 * their variable names), nothing else of the server's environment.
 */
class ConfigStoreIT {
  private static final String SECRET = "s3cr3t value";

  @TempDir Path dir;

  private ProcessBuilder corral(String... args) {
    ProcessBuilder builder = McpProcess.corral(dir, args);
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().put("TZ", "Europe/Paris");
    builder.environment().put("API_TOKEN", "from-the-host-must-not-leak");
    return builder;
  }

  @Test
  void configIsTheAllowedEnvironmentAndTheNamedSecretsOnly() throws Exception {
    Path wasm =
        Files.copy(
            McpProcess.testComponent("config-probe.component.wasm"),
            dir.resolve("config-probe.wasm"));
    Files.writeString(
        dir.resolve("config-probe.policy.yaml"),
        """
        version: "1.0"
        permissions:
          environment:
            allow:
              - key: "LANG"
        secrets:
          - name: api-token
            env: API_TOKEN
        """);
    try (McpProcess secret =
        McpProcess.start(corral("secret", "set", "config-probe", "api-token"))) {
      secret.send(SECRET);
      assertEquals(0, secret.closeAndWait(), secret.stderr());
    }
    try (McpProcess server = McpProcess.start(corral("serve", "--component", wasm.toString()))) {
      server.initialize();
      assertEquals(
          JSON.readTree("{\"result\":[[\"API_TOKEN\",\"" + SECRET + "\"],[\"LANG\",\"C.UTF-8\"]]}"),
          server.callTool("get-all", "{}").get("structuredContent"));
      assertEquals(
          JSON.readTree("{\"result\":\"" + SECRET + "\"}"),
          server.callTool("get", "{\"key\":\"API_TOKEN\"}").get("structuredContent"));
      assertEquals(
          JSON.readTree("{\"result\":\"C.UTF-8\"}"),
          server.callTool("get", "{\"key\":\"LANG\"}").get("structuredContent"));
      for (String other : new String[] {"TZ", "PATH", "HOME", "api-token"}) {
        JsonNode none = server.callTool("get", "{\"key\":\"" + other + "\"}");
        assertEquals(JSON.readTree("{\"result\":null}"), none.get("structuredContent"), other);
      }
    }
  }
}
