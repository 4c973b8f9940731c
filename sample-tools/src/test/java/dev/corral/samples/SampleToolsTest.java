package dev.corral.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.policy.Access;
import dev.corral.policy.LimitSettings;
import dev.corral.policy.NetworkRule;
import dev.corral.policy.Policy;
import dev.corral.policy.PolicyParser;
import dev.corral.policy.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleToolsTest {

  private SampleToolsTest() {}

  @Test
  void catalogueListsAllFiveAndBundlesTheCAndRustOnes() {
    assertEquals(
        List.of("compute", "config", "filesystem", "time", "fetch"),
        SampleTools.all().stream().map(SampleTool::name).toList());
    assertEquals(
        List.of("compute", "config", "filesystem"),
        SampleTools.bundled().stream().map(SampleTool::name).toList());
    assertEquals(Optional.of("Rust"), SampleTools.find("filesystem").map(SampleTool::language));
    assertEquals(Optional.empty(), SampleTools.find("nope"));
  }

  @Test
  void bundledResourcesAreTheCommittedFiles() throws IOException {
    Path committed = Path.of("src/main/resources/dev/corral/samples");
    for (SampleTool tool : SampleTools.bundled()) {
      assertArrayEquals(
          Files.readAllBytes(committed.resolve(tool.name() + ".wasm")), tool.wasm(), tool.name());
      assertEquals(
          Files.readString(committed.resolve(tool.name() + ".policy.yaml")),
          tool.policy(),
          tool.name());
      assertEquals(
          Files.readString(Path.of(tool.name(), tool.name() + ".policy.yaml")),
          tool.policy(),
          tool.name() + ": the bundled policy is a copy of the source one");
    }
  }

  @Test
  void everySamplePolicyParsesAndGrantsWhatItsToolNeedsAndNothingElse() throws Exception {
    Map<String, List<String>> expected =
        Map.of(
            "compute", List.of(),
            "config", List.of("environment LANG", "environment TZ"),
            "filesystem", List.of("storage fs:///usr/share/doc [read]"),
            "time", List.of(),
            "fetch", List.of("network example.com", "network *.wikipedia.org"));
    for (SampleTool tool : SampleTools.all()) {
      // the source policy, which build.sh copies beside every component (JavaScript ones included)
      Policy policy = PolicyParser.parse(Path.of(tool.name(), tool.name() + ".policy.yaml"));
      assertEquals(expected.get(tool.name()), grants(policy), tool.name());
      assertEquals(List.of(), policy.storage().deny(), tool.name());
      assertEquals(List.of(), policy.network().deny(), tool.name());
      assertEquals(List.of(), policy.secrets(), tool.name());
      LimitSettings limits =
          tool.name().equals("filesystem")
              // read-file returns files of up to 4 MiB, beyond the default 1 MiB result limit
              ? new LimitSettings(Optional.empty(), Optional.empty(), Optional.of(5L << 20))
              : LimitSettings.NONE;
      assertEquals(limits, policy.limitSettings(), tool.name());
      assertEquals(Resources.NONE, policy.resources(), tool.name());
      assertEquals(
          List.of(), policy.notices(), tool.name() + ": everything in the policy takes effect");
    }
    assertEquals(
        """
        version: "1.0"
        description: "compute sample: SHA-256 and text statistics. It needs no permissions: it imports nothing."
        permissions: {}
        """,
        SampleTools.find("compute").orElseThrow().policy());
  }

  /**
   * What a policy allows, one line per rule: {@code storage URI [ACCESS]}, {@code network HOST},
   * {@code environment KEY}.
   */
  private static List<String> grants(Policy policy) {
    List<String> grants = new ArrayList<>();
    policy
        .storage()
        .allow()
        .forEach(
            rule ->
                grants.add(
                    "storage "
                        + rule.uri()
                        + " "
                        + rule.access().stream().sorted().map(Access::yamlName).toList()));
    policy.network().allow().stream()
        .map(NetworkRule::describe)
        .forEach(rule -> grants.add("network " + rule));
    policy.environment().allow().forEach(key -> grants.add("environment " + key));
    return grants;
  }

  @Test
  void aJavaScriptToolThatIsNotBundledSaysHowToGetIt() {
    SampleTool time = SampleTools.find("time").orElseThrow();
    assertFalse(time.isBundled());
    IOException e = assertThrows(IOException.class, time::wasm);
    assertEquals(
        "classpath resource dev/corral/samples/time.wasm is missing (the JavaScript samples are not"
            + " bundled: build them with sample-tools/build.sh and serve them with"
            + " --component sample-tools/target/js-samples/time.wasm, adding --samples to keep the bundled ones)",
        e.getMessage());
  }

  @Test
  void copyBundledToWritesEachComponentBesideItsPolicy(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("samples");
    List<SampleTool> written = SampleTools.copyBundledTo(target);
    assertEquals(SampleTools.bundled(), written);
    try (var files = Files.list(target)) {
      assertEquals(
          List.of(
              ".compute.policy.yaml.bundled",
              ".compute.policy.yaml.lock",
              ".config.policy.yaml.bundled",
              ".config.policy.yaml.lock",
              ".filesystem.policy.yaml.bundled",
              ".filesystem.policy.yaml.lock",
              "compute.policy.yaml",
              "compute.wasm",
              "config.policy.yaml",
              "config.wasm",
              "filesystem.policy.yaml",
              "filesystem.wasm"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    SampleTool config = SampleTools.find("config").orElseThrow();
    assertArrayEquals(config.wasm(), Files.readAllBytes(target.resolve("config.wasm")));
    assertEquals(config.policy(), Files.readString(target.resolve("config.policy.yaml")));
    assertEquals(
        sha256(config.policy()) + "\n",
        Files.readString(target.resolve(".config.policy.yaml.bundled")));
    SampleTools.copyBundledTo(target); // copying again changes nothing
    assertEquals(config.policy(), Files.readString(target.resolve("config.policy.yaml")));
  }

  @Test
  void copyBundledToKeepsAPolicyTheUserEditedAndRestoresTheComponent(@TempDir Path dir)
      throws IOException {
    SampleTools.copyBundledTo(dir);
    String edited = SampleTools.find("config").orElseThrow().policy() + "      - key: \"HOME\"\n";
    Files.writeString(dir.resolve("config.policy.yaml"), edited);
    Files.write(dir.resolve("config.wasm"), new byte[] {0, 'a', 's', 'm'});

    SampleTools.copyBundledTo(dir);
    assertEquals(edited, Files.readString(dir.resolve("config.policy.yaml")));
    assertArrayEquals(
        SampleTools.find("config").orElseThrow().wasm(),
        Files.readAllBytes(dir.resolve("config.wasm")));
    assertEquals(
        SampleTools.find("filesystem").orElseThrow().policy(),
        Files.readString(dir.resolve("filesystem.policy.yaml")));
  }

  @Test
  void copyBundledToReplacesAPolicyAnEarlierVersionBundledAndNobodyEdited(@TempDir Path dir)
      throws IOException {
    String earlier =
        "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: \"LANG\"\n";
    Files.writeString(dir.resolve("config.policy.yaml"), earlier);
    Files.writeString(dir.resolve(".config.policy.yaml.bundled"), sha256(earlier) + "\n");

    SampleTools.copyBundledTo(dir);
    String bundled = SampleTools.find("config").orElseThrow().policy();
    assertEquals(bundled, Files.readString(dir.resolve("config.policy.yaml")));
    assertEquals(
        sha256(bundled) + "\n", Files.readString(dir.resolve(".config.policy.yaml.bundled")));
  }

  @Test
  void copyBundledToRecordsAnUneditedPolicyWrittenBeforeRecordsWereKept(@TempDir Path dir)
      throws IOException {
    String bundled = SampleTools.find("config").orElseThrow().policy();
    Files.writeString(dir.resolve("config.policy.yaml"), bundled);
    SampleTools.copyBundledTo(dir);
    assertEquals(
        sha256(bundled) + "\n", Files.readString(dir.resolve(".config.policy.yaml.bundled")));

    // without a record, a policy that differs from the bundled one is the user's
    Files.writeString(dir.resolve("compute.policy.yaml"), "version: \"1.0\"\npermissions: {}\n");
    Files.delete(dir.resolve(".compute.policy.yaml.bundled"));
    SampleTools.copyBundledTo(dir);
    assertEquals(
        "version: \"1.0\"\npermissions: {}\n",
        Files.readString(dir.resolve("compute.policy.yaml")));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
