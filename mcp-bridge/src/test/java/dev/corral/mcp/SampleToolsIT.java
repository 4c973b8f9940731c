package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code corral serve} with no --component serves the bundled samples under their policies. */
class SampleToolsIT {
  private static final String NOT_GRANTED =
      "environment variable \"EXAMPLE_NOTE\" is not set, or the tool's"
          + " policy does not grant it (permissions.environment.allow)";

  /** Runs a {@code corral} command with XDG directories under {@code home}; returns its stdout. */
  private static String cli(Path home, String... args) throws Exception {
    try (McpProcess process = McpProcess.start(McpProcess.corral(home, args))) {
      int status = process.waitForExit();
      String out = String.join("\n", process.stdoutSoFar());
      assertEquals(
          0,
          status,
          String.join(" ", args) + "\nstdout:\n" + out + "\nstderr:\n" + process.stderr());
      return out;
    }
  }

  /** The structured content of a call whose WIT result is {@code tag} with payload {@code val}. */
  private static JsonNode result(String tag, String val) {
    ObjectNode content = McpProcess.JSON.createObjectNode();
    content.putObject("result").put("tag", tag).put("val", val);
    return content;
  }

  private static McpProcess serve(Path home) throws Exception {
    ProcessBuilder builder = McpProcess.corral(home, "serve");
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().put("EXAMPLE_NOTE", "kept across restarts");
    McpProcess server = McpProcess.start(builder);
    try {
      server.initialize();
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  @Test
  void aPermissionGrantedOnASampleOutlivesARestart(@TempDir Path home) throws Exception {
    Path policy = home.resolve("data/corral/samples/config.policy.yaml");
    try (McpProcess server = serve(home)) {
      assertEquals(
          result("err", NOT_GRANTED),
          server
              .callTool("corral_config_env_get", "{\"key\":\"EXAMPLE_NOTE\"}")
              .get("structuredContent"));

      assertEquals(
          "granted environment variable EXAMPLE_NOTE to config (" + policy + ")",
          cli(home, "permission", "grant", "environment-variable", "config", "EXAMPLE_NOTE"));
      // the running server applies the edited policy from the next call
      assertEquals(
          result("ok", "kept across restarts"),
          server
              .callTool("corral_config_env_get", "{\"key\":\"EXAMPLE_NOTE\"}")
              .get("structuredContent"));
    }
    String granted = Files.readString(policy);

    try (McpProcess server = serve(home)) {
      assertEquals(
          result("ok", "kept across restarts"),
          server
              .callTool("corral_config_env_get", "{\"key\":\"EXAMPLE_NOTE\"}")
              .get("structuredContent"));
      assertEquals(
          "[\"EXAMPLE_NOTE\",\"LANG\"]",
          server
              .callTool("corral_config_env_list-keys", "{}")
              .at("/structuredContent/result")
              .toString());
    }
    assertEquals(granted, Files.readString(policy), "serve left the user's policy as it was");
    assertTrue(granted.contains("EXAMPLE_NOTE"), granted);

    // a reset is an edit too: the sample then sees nothing, also after a restart
    assertEquals(
        "reset all permissions of config (" + policy + ")",
        cli(home, "permission", "reset", "config"));
    try (McpProcess server = serve(home)) {
      assertEquals(
          "[]",
          server
              .callTool("corral_config_env_list-keys", "{}")
              .at("/structuredContent/result")
              .toString());
    }
  }

  @Test
  void theFilesystemSampleListsReadsSearchesAndStatsADirectoryGrantedToIt(
      @TempDir Path home, @TempDir Path files) throws Exception {
    Files.writeString(files.resolve("notes.txt"), "first line\nsecond: needle here\n");
    Files.setLastModifiedTime(
        files.resolve("notes.txt"), FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));
    Files.createDirectory(files.resolve("sub"));
    Files.writeString(files.resolve("sub/deep.txt"), "a needle too\n");
    Files.writeString(files.resolve("sub/hits.txt"), "hit\n".repeat(1001));
    Files.writeString(files.resolve("sub/large.txt"), "needle\n" + "x".repeat(4 * 1024 * 1024 - 6));
    Files.writeString(files.resolve("sub/full.txt"), "y".repeat(4 * 1024 * 1024));
    String dir = files.toString();
    try (McpProcess server = serve(home)) {
      JsonNode denied = server.callTool("corral_filesystem_fs_stat", "{\"path\":\"" + dir + "\"}");
      assertEquals(
          result(
              "err",
              "cannot stat "
                  + dir
                  + ": access denied: the path is outside the directories the"
                  + " tool's policy grants (permissions.storage.allow), or the policy does not grant this access"),
          denied.get("structuredContent"));

      cli(home, "permission", "grant", "storage", "filesystem", "fs://" + dir, "--access", "read");

      assertEquals(
          McpProcess.JSON.readTree(
              """
              {"result":{"tag":"ok","val":[{"name":"notes.txt","kind":"file","size":31},
               {"name":"sub","kind":"directory","size":0}]}}"""),
          server
              .callTool("corral_filesystem_fs_list-directory", "{\"path\":\"" + dir + "\"}")
              .get("structuredContent"));
      assertEquals(
          result("ok", "first line\nsecond: needle here\n"),
          server
              .callTool("corral_filesystem_fs_read-file", "{\"path\":\"" + dir + "/notes.txt\"}")
              .get("structuredContent"));
      assertEquals(
          result(
              "err",
              "cannot read "
                  + dir
                  + "/sub/large.txt: it has 4194305 bytes, more than the 4194304 this"
                  + " tool returns"),
          server
              .callTool(
                  "corral_filesystem_fs_read-file", "{\"path\":\"" + dir + "/sub/large.txt\"}")
              .get("structuredContent"));
      // a file of exactly 4 MiB comes back whole: the sample's policy raises the 1 MiB result limit
      JsonNode full =
          server.callTool(
              "corral_filesystem_fs_read-file", "{\"path\":\"" + dir + "/sub/full.txt\"}");
      assertEquals(
          "ok",
          full.at("/structuredContent/result/tag").asText(),
          full.toString().substring(0, 300));
      assertEquals("y".repeat(4 * 1024 * 1024), full.at("/structuredContent/result/val").asText());
      assertEquals(
          McpProcess.JSON.readTree(
              """
              {"result":{"tag":"ok","val":{"kind":"file","size":31,"modified-seconds":1714979289}}}"""),
          server
              .callTool("corral_filesystem_fs_stat", "{\"path\":\"" + dir + "/notes.txt\"}")
              .get("structuredContent"));
      assertEquals(
          McpProcess.JSON.readTree(
              "{\"result\":{\"tag\":\"ok\",\"val\":{\"matches\":["
                  + "{\"path\":\""
                  + dir
                  + "/notes.txt\",\"line\":2,\"text\":\"second: needle here\"},"
                  + "{\"path\":\""
                  + dir
                  + "/sub/deep.txt\",\"line\":1,\"text\":\"a needle too\"}],\"truncated\":false}}}"),
          server
              .callTool(
                  "corral_filesystem_fs_search",
                  "{\"path\":\"" + dir + "\",\"pattern\":\"needle\"}")
              .get("structuredContent"));

      JsonNode capped =
          server.callTool(
              "corral_filesystem_fs_search", "{\"path\":\"" + dir + "\",\"pattern\":\"hit\"}");
      JsonNode found = capped.at("/structuredContent/result/val");
      assertEquals(1000, found.get("matches").size(), capped.toString());
      assertEquals(
          McpProcess.JSON.readTree(
              "{\"path\":\"" + dir + "/sub/hits.txt\",\"line\":1000,\"text\":\"hit\"}"),
          found.get("matches").get(999));
      assertEquals(true, found.get("truncated").asBoolean(), capped.toString());
    }
  }

  @Test
  void samplesAndNoSamplesContradictEachOther(@TempDir Path home) throws Exception {
    try (McpProcess process =
        McpProcess.start(McpProcess.corral(home, "serve", "--samples", "--no-samples"))) {
      assertEquals(1, process.waitForExit());
      assertEquals(
          "corral: --samples and --no-samples contradict each other", process.stderr().strip());
    }
  }

  @Test
  void bundledSamplesAreServedWithTheirPolicies(@TempDir Path dataHome) throws Exception {
    ProcessBuilder builder = McpProcess.corral(dataHome, "serve");
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().put("CORRAL_TEST_SECRET", "must-not-be-visible");
    try (McpProcess server = McpProcess.start(builder)) {
      server.initialize();
      List<String> names = server.componentToolNames();
      assertEquals(
          List.of(
              "corral_compute_text_sha256",
              "corral_compute_text_stats",
              "corral_compute_text_top-words",
              "corral_config_env_get",
              "corral_config_env_list-keys",
              "corral_config_env_with-prefix",
              "corral_filesystem_fs_list-directory",
              "corral_filesystem_fs_read-file",
              "corral_filesystem_fs_search",
              "corral_filesystem_fs_stat"),
          names);
      assertTrue(
          Files.isRegularFile(dataHome.resolve("data/corral/samples/filesystem.policy.yaml")));

      JsonNode sha = server.callTool("corral_compute_text_sha256", "{\"text\":\"abc\"}");
      assertEquals(
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
          sha.at("/structuredContent/result").asString());

      JsonNode keys = server.callTool("corral_config_env_list-keys", "{}");
      assertEquals("[\"LANG\"]", keys.at("/structuredContent/result").toString());

      JsonNode denied =
          server.callTool("corral_filesystem_fs_list-directory", "{\"path\":\"/etc\"}");
      assertTrue(denied.get("isError").asBoolean(), denied.toString());
      assertEquals(
          result(
              "err",
              "cannot list /etc: access denied: the path is outside the directories the tool's"
                  + " policy grants (permissions.storage.allow), or the policy does not grant this access"),
          denied.get("structuredContent"));

      JsonNode granted =
          server.callTool("corral_filesystem_fs_stat", "{\"path\":\"/usr/share/doc\"}");
      assertEquals(false, granted.get("isError").asBoolean(), granted.toString());
      assertEquals(
          "directory",
          granted.at("/structuredContent/result/val/kind").asString(),
          granted.toString());
    }
  }
}
