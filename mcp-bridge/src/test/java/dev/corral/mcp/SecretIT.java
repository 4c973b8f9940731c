package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code corral secret set|delete|list} and the secrets a policy names, through the real server and
 * CLI processes: a stored secret reaches the component at the next call, a deleted one is gone, and
 * no value is ever printed or logged.
 */
class SecretIT {
  private static final String VALUE = "s3cr3t-\"value\" with spaces";
  private static final String GET_TOKEN = "{\"key\":\"API_TOKEN\"}";

  @TempDir Path dir;
  private Path wasm;

  @BeforeEach
  void configToolWhosePolicyNamesASecret() throws Exception {
    wasm = ConfigSampleWithSecret.writeTo(dir);
  }

  private ProcessBuilder corral(String... args) {
    ProcessBuilder builder = McpProcess.corral(dir, args);
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().put("API_TOKEN", "from-the-host-must-not-leak");
    return builder;
  }

  /**
   * Runs {@code corral ARGS} with {@code stdin}; returns stdout (which the tests compare whole), or
   * stderr when it fails. Stderr never holds a secret's value.
   */
  private String run(int expectedStatus, String stdin, String... args) throws Exception {
    try (McpProcess process = McpProcess.start(corral(args))) {
      if (stdin != null) {
        process.send(stdin);
      }
      int status = process.closeAndWait();
      String out = String.join("\n", process.stdoutSoFar());
      assertEquals(
          expectedStatus,
          status,
          String.join(" ", args) + "\nstdout:\n" + out + "\nstderr:\n" + process.stderr());
      assertFalse(process.stderr().contains("s3cr3t"), process.stderr());
      return expectedStatus == 0 ? out : process.stderr().strip();
    }
  }

  private static String result(JsonNode callResult) {
    return callResult.at("/structuredContent/result").toString();
  }

  @Test
  void aSecretSetWhileTheServerRunsReachesTheComponentAndADeletedOneIsGone() throws Exception {
    try (McpProcess server = McpProcess.start(corral("serve", "--component", wasm.toString()))) {
      server.initialize();
      assertEquals("[\"LANG\"]", result(server.callTool("corral_config_env_list-keys", "{}")));

      assertEquals(
          "stored secret api-token for config",
          run(0, VALUE, "secret", "set", "config", "api-token"));
      Path file = dir.resolve("data/corral/secrets/config.yaml");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals(
          "[\"API_TOKEN\",\"LANG\"]", result(server.callTool("corral_config_env_list-keys", "{}")));
      JsonNode token = server.callTool("corral_config_env_get", GET_TOKEN);
      assertEquals(VALUE, token.at("/structuredContent/result/val").asString(), token.toString());
      assertEquals("ok", token.at("/structuredContent/result/tag").asString());

      assertEquals("api-token", run(0, null, "secret", "list", "config"));
      assertEquals("[ \"api-token\" ]", run(0, null, "secret", "list", "config", "-o", "json"));

      assertEquals(
          "deleted secret api-token of config",
          run(0, null, "secret", "delete", "config", "api-token"));
      assertEquals("[\"LANG\"]", result(server.callTool("corral_config_env_list-keys", "{}")));
      assertEquals("", run(0, null, "secret", "list", "config"));
      assertEquals(
          "corral: component config has no secret 'api-token' (see corral secret list config)",
          run(1, null, "secret", "delete", "config", "api-token"));

      assertFalse(server.stderr().contains("s3cr3t"), server.stderr());
      assertTrue(
          server.stderr().contains("policy names secret 'api-token' but none is stored"),
          server.stderr());
    }
  }

  @Test
  void toolInvokeDeliversTheSecretAndAnUnreadableSecretFileFailsTheCallClosed() throws Exception {
    ProcessBuilder set =
        corral("secret", "set", "config", "api-token", "--from-env", "TOKEN_TO_STORE");
    set.environment().put("TOKEN_TO_STORE", VALUE);
    try (McpProcess process = McpProcess.start(set)) {
      assertEquals(0, process.closeAndWait(), process.stderr());
    }
    assertEquals(
        "{\"result\":{\"tag\":\"ok\",\"val\":" + McpProcess.JSON.writeValueAsString(VALUE) + "}}",
        run(
            0,
            null,
            "tool",
            "invoke",
            "corral_config_env_get",
            "--args",
            GET_TOKEN,
            "--component",
            wasm.toString()));

    Path file = dir.resolve("data/corral/secrets/config.yaml");
    Files.writeString(file, "api-token:\n  - not a string\n");
    String stderr =
        run(
            1,
            null,
            "tool",
            "invoke",
            "corral_config_env_get",
            "--args",
            GET_TOKEN,
            "--component",
            wasm.toString());
    // the last line is the CLI's message (a warning logged by the invoker may come first)
    assertEquals(
        "corral: corral_config_env_get not called: the secrets its policy names are unavailable: secret 'api-token' in "
            + file
            + " is not a string",
        stderr.lines().reduce((first, second) -> second).orElseThrow(),
        stderr);
  }

  @Test
  void secretCommandsRefuseBadInputWithOneMessage() throws Exception {
    assertEquals(
        "corral: no value on stdin (pipe it in, or use --from-env VAR)",
        run(1, null, "secret", "set", "config", "api-token"));
    assertEquals(
        "corral: --from-env NOPE: the variable is not set",
        run(1, null, "secret", "set", "config", "api-token", "--from-env", "NOPE"));
    assertEquals(
        "corral: secret name 'bad name' is not valid: use letters, digits, '.', '_' and '-', starting with a letter or digit",
        run(1, "x", "secret", "set", "config", "bad name"));
    assertEquals(
        List.of(),
        Files.exists(dir.resolve("data/corral/secrets"))
            ? List.of(dir.resolve("data/corral/secrets").toFile().list())
            : List.of());
  }
}
