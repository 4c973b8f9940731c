package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.samples.SampleTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies beside components, through the real server: fail closed at load, reloaded live. */
class PolicyIT {
  @TempDir Path dir;

  private Path configTool(String policy) throws Exception {
    Path wasm = dir.resolve("config.wasm");
    Files.write(wasm, SampleTools.find("config").orElseThrow().wasm());
    Files.writeString(dir.resolve("config.policy.yaml"), policy);
    return wasm;
  }

  private McpProcess serve(Path wasm, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("serve", "--component", wasm.toString()));
    args.addAll(List.of(extra));
    ProcessBuilder builder = McpProcess.corral(dir, args.toArray(String[]::new));
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().put("EXAMPLE_VISIBLE", "yes");
    return McpProcess.start(builder);
  }

  @Test
  void brokenPolicyWithStrictRefusesTheLoadNamingFileLineAndColumn() throws Exception {
    Path wasm =
        configTool(
            "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - name: LANG\n");
    try (McpProcess server = serve(wasm, "--strict")) {
      assertEquals(1, server.waitForExit());
      String stderr = server.stderr().strip();
      assertTrue(
          stderr.startsWith(
              "corral: cannot load component "
                  + wasm
                  + ": its policy is invalid: "
                  + dir.resolve("config.policy.yaml")
                  + ":5:9: unknown key 'name' (at permissions.environment.allow[0].name)\n"
                  + "  hint: allowed here: key"),
          stderr);
      assertEquals(List.of(), server.stdoutSoFar());
    }
  }

  @Test
  void editedPolicyTakesEffectOnTheNextCallAndABrokenEditKeepsTheLastGoodOne() throws Exception {
    Path wasm =
        configTool(
            "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n");
    try (McpProcess server = serve(wasm)) {
      server.initialize();
      assertEquals(
          "[\"LANG\"]",
          server
              .callTool("corral_config_env_list-keys", "{}")
              .at("/structuredContent/result")
              .toString());

      Files.writeString(
          dir.resolve("config.policy.yaml"),
          "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n      - key: EXAMPLE_VISIBLE\n");
      assertEquals(
          "[\"EXAMPLE_VISIBLE\",\"LANG\"]",
          server
              .callTool("corral_config_env_list-keys", "{}")
              .at("/structuredContent/result")
              .toString());

      Files.writeString(
          dir.resolve("config.policy.yaml"), "version: \"1.0\"\npermissions: [oops\n");
      assertEquals(
          "[\"EXAMPLE_VISIBLE\",\"LANG\"]",
          server
              .callTool("corral_config_env_list-keys", "{}")
              .at("/structuredContent/result")
              .toString());
      assertTrue(
          server.stderr().contains(dir.resolve("config.policy.yaml").toString()), server.stderr());

      Files.delete(dir.resolve("config.policy.yaml"));
      assertEquals(
          "[]",
          server
              .callTool("corral_config_env_list-keys", "{}")
              .at("/structuredContent/result")
              .toString());
    }
  }
}
