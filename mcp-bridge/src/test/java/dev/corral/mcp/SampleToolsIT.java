package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code corral serve} with no --component serves the bundled samples under their policies. */
class SampleToolsIT {

  @Test
  void bundledSamplesAreServedWithTheirPolicies(@TempDir Path dataHome) throws Exception {
    ProcessBuilder builder = McpProcess.corral(dataHome, "serve");
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().put("CORRAL_TEST_SECRET", "must-not-be-visible");
    try (McpProcess server = McpProcess.start(builder)) {
      server.initialize();
      List<String> names = server.componentToolNames();
      assertEquals(List.of(
          "corral_compute_text_sha256", "corral_compute_text_stats", "corral_compute_text_top-words",
          "corral_config_env_get", "corral_config_env_list-keys", "corral_config_env_with-prefix",
          "corral_filesystem_fs_list-directory", "corral_filesystem_fs_read-file", "corral_filesystem_fs_search",
          "corral_filesystem_fs_stat"), names);
      assertTrue(Files.isRegularFile(dataHome.resolve("data/corral/samples/filesystem.policy.yaml")));

      JsonNode sha = server.callTool("corral_compute_text_sha256", "{\"text\":\"abc\"}");
      assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha.at("/structuredContent/result").asString());

      JsonNode keys = server.callTool("corral_config_env_list-keys", "{}");
      assertEquals("[\"LANG\"]", keys.at("/structuredContent/result").toString());

      JsonNode denied = server.callTool("corral_filesystem_fs_list-directory", "{\"path\":\"/etc\"}");
      assertTrue(denied.get("isError").asBoolean(), denied.toString());
      assertEquals("err", denied.at("/structuredContent/result/tag").asString());

      JsonNode granted = server.callTool("corral_filesystem_fs_stat", "{\"path\":\"/usr/share/doc\"}");
      assertEquals(false, granted.get("isError").asBoolean(), granted.toString());
    }
  }
}
