package dev.corral.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.mcp.ConfigSampleWithSecret;
import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.LoadedComponent;
import dev.corral.policy.SecretStore;
import dev.corral.schema.tools.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The secrets a policy names reach the component through {@link ToolInvoker}, read afresh per call.
 */
class ToolInvokerSecretsTest {
  private static final String VALUE = "s3cr3t \"quoted\" value";

  @TempDir Path dir;
  private SecretStore secrets;
  private ToolInvoker invoker;
  private LoadedComponent config;

  @BeforeEach
  void loadTheConfigSampleWithAPolicyNamingASecret() throws Exception {
    config = new ComponentLoader().load(ConfigSampleWithSecret.writeTo(dir));
    secrets = new SecretStore(dir.resolve("secrets"));
    invoker =
        new ToolInvoker(
            JsonMapper.builder().build(),
            () -> Map.of("LANG", "C", "API_TOKEN", "from-the-host"),
            secrets,
            dev.corral.policy.OffLimits.NONE);
  }

  private CallToolResult call(String function, Map<String, Object> arguments) {
    ToolDefinition tool =
        config.tools().stream()
            .filter(t -> t.function().qualifiedName().endsWith("#" + function))
            .findFirst()
            .orElseThrow();
    return invoker.call(config, tool, arguments);
  }

  private Object keys() {
    return result(call("list-keys", Map.of()));
  }

  private Object token() {
    return result(call("get", Map.of("key", "API_TOKEN")));
  }

  private static Object result(CallToolResult result) {
    return ((Map<?, ?>) result.structuredContent()).get("result");
  }

  @Test
  void aStoredSecretIsVisibleAsItsVariableFromTheNextCall() throws Exception {
    assertEquals(List.of("LANG"), keys());
    assertEquals(
        Map.of(
            "tag",
            "err",
            "val",
            "environment variable \"API_TOKEN\" is not set, or the tool's policy does not grant it (permissions.environment.allow)"),
        token());

    secrets.set("config", "api-token", VALUE);
    assertEquals(List.of("API_TOKEN", "LANG"), keys());
    assertEquals(Map.of("tag", "ok", "val", VALUE), token());

    secrets.remove("config", "api-token");
    assertEquals(List.of("LANG"), keys());
  }

  @Test
  void anUnreadableSecretFileFailsTheCallNamingTheFileNotTheValue() throws Exception {
    secrets.set("config", "api-token", VALUE);
    Path file = dir.resolve("secrets/config.yaml");
    Files.writeString(file, "api-token: \"" + VALUE + "\n");

    CallToolResult result = call("list-keys", Map.of());
    assertTrue(result.isError());
    assertEquals(null, result.structuredContent());
    String message = ((McpSchema.TextContent) result.content().get(0)).text();
    assertEquals(
        "corral_config_env_list-keys not called: the secrets its policy names are unavailable: secret file "
            + file
            + " is not a valid YAML mapping of names to strings",
        message);
    assertFalse(message.contains("s3cr3t"));
  }
}
