package dev.corral.sandbox.runtime;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.error.LinkException;

/**
 * Fuzzes {@link CompiledComponent#compile} (the component decoder, type checking and core module
 * parsing) with mutations of real components ({@code ComponentDecoderFuzzTestInputs/compile}):
 * every input either compiles or fails with {@link ComponentDecodeException} (with an offset inside
 * the input, and not 0 unless the magic number is wrong) or {@link LinkException}; anything else is
 * a finding.
 */
class ComponentDecoderFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void compile(byte[] input) {
    try {
      CompiledComponent.compile(input);
    } catch (ComponentDecodeException e) {
      if (e.offset() < 0 || e.offset() > input.length) {
        throw new AssertionError(
            "offset " + e.offset() + " outside the " + input.length + "-byte input", e);
      }
      // offset 0 is only right for the magic number itself; past a valid preamble an error lies
      // in a section (an offset of 0 there came from the decoder's last-resort catch)
      if (e.offset() == 0 && input.length > 8 && hasMagic(input)) {
        throw new AssertionError(
            "offset 0 for a " + input.length + "-byte input with a valid magic number", e);
      }
    } catch (LinkException expected) {
      // a well-formed binary whose contents do not check
    }
  }

  private static boolean hasMagic(byte[] input) {
    return input[0] == 0 && input[1] == 'a' && input[2] == 's' && input[3] == 'm';
  }
}
