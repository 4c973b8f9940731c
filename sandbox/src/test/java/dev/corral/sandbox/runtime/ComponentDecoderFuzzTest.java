package dev.corral.sandbox.runtime;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.corral.sandbox.binary.ComponentDecodeException;

/**
 * Fuzzes {@link CompiledComponent#compile} (the component decoder, type checking and core module
 * parsing) with mutations of real components ({@code ComponentDecoderFuzzTestInputs/compile}):
 * every input either compiles or fails with {@link ComponentDecodeException} (with an offset
 * inside the input) or {@link LinkException}; anything else is a finding.
 */
class ComponentDecoderFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void compile(byte[] input) {
    try {
      CompiledComponent.compile(input);
    } catch (ComponentDecodeException e) {
      if (e.offset() < 0 || e.offset() > input.length) {
        throw new AssertionError("offset " + e.offset() + " outside the " + input.length + "-byte input", e);
      }
    } catch (LinkException expected) {
      // a well-formed binary whose contents do not check
    }
  }
}
