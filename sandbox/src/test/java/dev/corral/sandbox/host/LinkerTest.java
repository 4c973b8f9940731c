package dev.corral.sandbox.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which host instance {@link Linker#instance} picks for an import. */
class LinkerTest {
  private final Linker linker =
      Linker.builder()
          .instance(HostInstance.builder("wasi:cli/environment@0.2.1").build())
          .instance(HostInstance.builder("wasi:cli/environment@0.2.12").build())
          .instance(HostInstance.builder("wasi:cli/environment@0.2.3").build())
          .instance(HostInstance.builder("wasi:cli/environment@0.3.0").build())
          .instance(HostInstance.builder("wasi:cli/environment@1.1.0").build())
          .instance(HostInstance.builder("wasi:cli/environment@1.4.0-rc.1").build())
          .instance(HostInstance.builder("wasi:cli/environment@1.2.0+first").build())
          .instance(HostInstance.builder("wasi:cli/environment@1.2.0+second").build())
          .instance(HostInstance.builder("docs:adder/add").build())
          .build();

  @Test
  void anExactNameWinsOverAHigherCompatibleVersion() {
    assertEquals(Optional.of("wasi:cli/environment@0.2.3"), picked("wasi:cli/environment@0.2.3"));
    assertEquals(Optional.of("wasi:cli/environment@0.2.1"), picked("wasi:cli/environment@0.2.1"));
  }

  @Test
  void otherwiseTheHighestCompatibleVersionIsPicked() {
    assertEquals(Optional.of("wasi:cli/environment@0.2.12"), picked("wasi:cli/environment@0.2.0"));
    assertEquals(Optional.of("wasi:cli/environment@0.2.12"), picked("wasi:cli/environment@0.2.20"));
    assertEquals(Optional.of("wasi:cli/environment@0.3.0"), picked("wasi:cli/environment@0.3.5"));
  }

  @Test
  void amongEqualVersionsTheFirstOfferedIsPickedAndPreReleasesAreNotCandidates() {
    assertEquals(
        Optional.of("wasi:cli/environment@1.2.0+first"), picked("wasi:cli/environment@1.0.0"));
    assertEquals(
        Optional.of("wasi:cli/environment@1.4.0-rc.1"), picked("wasi:cli/environment@1.4.0-rc.1"));
  }

  @Test
  void noCompatibleVersionNoInstance() {
    assertEquals(Optional.empty(), picked("wasi:cli/environment@0.1.0"));
    assertEquals(Optional.empty(), picked("wasi:cli/environment@2.0.0"));
    assertEquals(Optional.empty(), picked("wasi:cli/environment"));
    assertEquals(Optional.of("docs:adder/add"), picked("docs:adder/add"));
    assertEquals(Optional.empty(), picked("docs:adder/add@0.1.0"));
    assertEquals(
        List.of(
            "wasi:cli/environment@0.2.1",
            "wasi:cli/environment@0.2.12",
            "wasi:cli/environment@0.2.3",
            "wasi:cli/environment@0.3.0",
            "wasi:cli/environment@1.1.0",
            "wasi:cli/environment@1.4.0-rc.1",
            "wasi:cli/environment@1.2.0+first",
            "wasi:cli/environment@1.2.0+second",
            "docs:adder/add"),
        linker.instanceNames());
  }

  private Optional<String> picked(String importName) {
    return linker.instance(importName).map(HostInstance::name);
  }
}
