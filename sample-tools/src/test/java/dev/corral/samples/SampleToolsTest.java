package dev.corral.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleToolsTest {

  private SampleToolsTest() {}

  @Test
  void catalogueListsAllFiveAndBundlesTheCAndRustOnes() {
    assertEquals(List.of("compute", "config", "filesystem", "time", "fetch"),
        SampleTools.all().stream().map(SampleTool::name).toList());
    assertEquals(List.of("compute", "config", "filesystem"),
        SampleTools.bundled().stream().map(SampleTool::name).toList());
    assertEquals(Optional.of("Rust"), SampleTools.find("filesystem").map(SampleTool::language));
    assertEquals(Optional.empty(), SampleTools.find("nope"));
  }

  @Test
  void bundledResourcesAreTheCommittedFiles() throws IOException {
    Path committed = Path.of("src/main/resources/dev/corral/samples");
    for (SampleTool tool : SampleTools.bundled()) {
      assertArrayEquals(Files.readAllBytes(committed.resolve(tool.name() + ".wasm")), tool.wasm(), tool.name());
      assertEquals(Files.readString(committed.resolve(tool.name() + ".policy.yaml")), tool.policy(), tool.name());
      assertEquals(Files.readString(Path.of(tool.name(), tool.name() + ".policy.yaml")), tool.policy(),
          tool.name() + ": the bundled policy is a copy of the source one");
    }
  }

  @Test
  void policiesGrantWhatEachToolNeedsAndNothingElse() throws IOException {
    assertEquals("""
        version: "1.0"
        description: "compute sample: SHA-256 and text statistics. It needs no permissions: it imports nothing."
        permissions: {}
        """, SampleTools.find("compute").orElseThrow().policy());
    String filesystem = SampleTools.find("filesystem").orElseThrow().policy();
    assertTrue(filesystem.contains("""
          storage:
            allow:
              - uri: "fs:///usr/share/doc"
                access: ["read"]
        """), filesystem);
    assertFalse(filesystem.contains("write"), filesystem);
  }

  @Test
  void aJavaScriptToolThatIsNotBundledSaysHowToGetIt() {
    SampleTool time = SampleTools.find("time").orElseThrow();
    assertFalse(time.isBundled());
    IOException e = assertThrows(IOException.class, time::wasm);
    assertEquals("classpath resource dev/corral/samples/time.wasm is missing (the JavaScript samples are not"
        + " bundled: build them with sample-tools/build.sh and serve them with"
        + " --component sample-tools/target/js-samples/time.wasm)", e.getMessage());
  }

  @Test
  void copyBundledToWritesEachComponentBesideItsPolicy(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("samples");
    List<SampleTool> written = SampleTools.copyBundledTo(target);
    assertEquals(SampleTools.bundled(), written);
    try (var files = Files.list(target)) {
      assertEquals(List.of("compute.policy.yaml", "compute.wasm", "config.policy.yaml", "config.wasm",
          "filesystem.policy.yaml", "filesystem.wasm"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertArrayEquals(SampleTools.find("config").orElseThrow().wasm(), Files.readAllBytes(target.resolve("config.wasm")));
    SampleTools.copyBundledTo(target); // overwriting is fine
    assertEquals(SampleTools.find("config").orElseThrow().policy(), Files.readString(target.resolve("config.policy.yaml")));
  }
}
