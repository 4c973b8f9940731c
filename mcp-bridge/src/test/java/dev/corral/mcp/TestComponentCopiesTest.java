package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The server tests' copy of the C probe is the sandbox's current build: sandbox's
 * src/test/c/probe/build.sh writes both, and an edit to one alone fails here.
 */
class TestComponentCopiesTest {
  @Test
  void theProbeIsTheSandboxBuild() throws Exception {
    byte[] sandbox = Files.readAllBytes(Path.of("../sandbox/src/test/resources/components/corral/probe.component.wasm"));
    byte[] here = Files.readAllBytes(McpProcess.testComponent("probe.component.wasm"));
    assertArrayEquals(sandbox, here, "mcp-bridge's probe.component.wasm differs from the sandbox's: "
        + "rebuild with sandbox/src/test/c/probe/build.sh, which writes both");
  }
}
