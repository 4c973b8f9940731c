package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server tests' copies of the sandbox's test components are the sandbox's current builds: each
 * build.sh under sandbox/src/test writes both, and an edit to one alone fails here.
 */
class TestComponentCopiesTest {
  @ParameterizedTest
  @CsvSource({
    "probe.component.wasm, mcp-bridge/src/test/resources/components/probe.component.wasm, sandbox/src/test/c/probe/build.sh",
    "config-probe.component.wasm, mcp-bridge/src/test/resources/components/config-probe.component.wasm, sandbox/src/test/c/config-probe/build.sh",
    "world-types.component.wasm, mcp-bridge/src/test/resources/components/world-types.component.wasm, sandbox/src/test/c/world-types/build.sh",
    "world-types.component.wasm, wit-to-jsonschema/src/test/resources/components/world-types.component.wasm, sandbox/src/test/c/world-types/build.sh",
    "world-types-js.component.wasm.gz, mcp-bridge/src/test/resources/components/world-types-js.component.wasm.gz, sandbox/src/test/js/world-types/build.sh"
  })
  void theCopyIsTheSandboxBuild(String name, String copy, String buildScript) throws Exception {
    byte[] sandbox =
        Files.readAllBytes(Path.of("../sandbox/src/test/resources/components/corral", name));
    byte[] here = Files.readAllBytes(Path.of("..", copy));
    assertArrayEquals(
        sandbox,
        here,
        copy
            + " differs from the sandbox's "
            + name
            + ": rebuild with "
            + buildScript
            + ", which writes both");
  }
}
