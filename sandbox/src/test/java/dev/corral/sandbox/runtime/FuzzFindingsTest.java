package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.error.LinkException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Inputs the fuzz tests found, kept as regression tests. */
class FuzzFindingsTest {

  /**
   * A core module whose section size is a LEB128 u32 above 2^31 (here 0xFFFFFFFA, read as -6) made
   * the empty-import-name patcher jump back to the section's start forever. Found by {@link
   * ComponentDecoderFuzzTest}. The timeout only guards against the hang coming back.
   */
  @Test
  void negativeCoreSectionSizeIsAnErrorNotAHang() {
    byte[] component = {
      0x00,
      0x61,
      0x73,
      0x6d,
      0x0d,
      0x00,
      0x01,
      0x00, // component preamble
      0x01,
      0x0e, // core module section, 14 bytes
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0x00,
      0x00,
      0x00, // core module preamble
      0x00,
      (byte) 0xfa,
      (byte) 0xff,
      (byte) 0xff,
      (byte) 0xff,
      0x0f // custom section of size 0xFFFFFFFA
    };
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          LinkException e =
              assertThrows(LinkException.class, () -> CompiledComponent.compile(component));
          assertTrue(
              e.getMessage().startsWith("core module at byte offset 10 is invalid: "),
              e.getMessage());
        });
  }

  /**
   * A 609-byte component whose core module declares a function type with a huge parameter count:
   * Chicory allocates by that count and ran out of heap. Found by {@link ComponentDecoderFuzzTest}.
   */
  @Test
  void hugeDeclaredCountInACoreModuleIsALinkError() throws Exception {
    byte[] component;
    try (var in =
        FuzzFindingsTest.class.getResourceAsStream("/fuzz-findings/chicory-type-count-oom.wasm")) {
      component = in.readAllBytes();
    }
    LinkException e = assertThrows(LinkException.class, () -> CompiledComponent.compile(component));
    assertTrue(e.getMessage().contains(" is invalid: "), e.getMessage());
  }
}
