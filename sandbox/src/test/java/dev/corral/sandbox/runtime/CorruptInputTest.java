package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.error.ComponentException;
import dev.corral.sandbox.error.LinkException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Truncated or corrupted binaries fail with a checked, explanatory error (a decode error naming the
 * byte offset, or a link error naming the definition), never an unchecked exception.
 */
class CorruptInputTest {
  private static final List<String> COMPONENTS =
      List.of(
          "adder.component.wasm",
          "component-docs/calculator.composed.wasm",
          "asmjs_bigint.component.wasm",
          "resource-borrow-simple.component.wasm");

  @Test
  void truncationIsADecodeErrorAtOrBeforeTheCut() throws Exception {
    for (String name : COMPONENTS) {
      byte[] bytes = TestComponents.bytes(name);
      int step = Math.max(1, bytes.length / 400);
      int decodeErrors = 0;
      for (int length = 0; length < bytes.length; length += step) {
        byte[] truncated = Arrays.copyOf(bytes, length);
        try {
          CompiledComponent.compile(truncated); // a cut between sections leaves a valid prefix
        } catch (ComponentDecodeException e) {
          decodeErrors++;
          assertTrue(
              e.offset() >= 0 && e.offset() <= length,
              name + " cut at " + length + ": " + e.getMessage());
          // past the preamble, the error lies in a section: never at offset 0
          assertTrue(
              length < 8 || e.offset() >= 8, name + " cut at " + length + ": " + e.getMessage());
        } catch (LinkException e) {
          // the prefix decodes but refers to definitions that were cut off
        }
      }
      assertTrue(decodeErrors > 0, name);
    }
  }

  @Test
  void emptyAndForeignInputsAreRejectedWithTheirOffset() {
    ComponentDecodeException empty =
        assertThrows(ComponentDecodeException.class, () -> CompiledComponent.compile(new byte[0]));
    assertEquals(0, empty.offset());
    ComponentDecodeException text =
        assertThrows(
            ComponentDecodeException.class,
            () ->
                CompiledComponent.compile(
                    "(component)".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(0, text.offset());
  }

  @Test
  void emptyRecordsVariantsTuplesFlagsAndEnumsAreDecodeErrorsAtTheirDefinition() {
    // a component with one type section (id 7) holding one definition: the type code, then 0 items
    List<String> expected =
        List.of(
            "a record type must have at least one field",
            "a variant type must have at least one case",
            "a tuple type must have at least one element",
            "flags type must have at least one name",
            "an enum type must have at least one case");
    int[] codes = {0x72, 0x71, 0x6f, 0x6e, 0x6d};
    for (int i = 0; i < codes.length; i++) {
      byte[] component = {
        0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x07, 0x03, 0x01, (byte) codes[i], 0x00
      };
      ComponentDecodeException e =
          assertThrows(ComponentDecodeException.class, () -> CompiledComponent.compile(component));
      assertEquals(11, e.offset(), e.getMessage());
      assertTrue(e.getMessage().contains(expected.get(i)), e.getMessage());
    }
  }

  @Test
  void aModuleTypeInsideAModuleTypeIsADecodeErrorWhereItStarts() {
    // core type section: (module (type (module (type (module ...))))) nested 100000 deep. The
    // decoder used to recurse until the stack overflowed, reported as "malformed component" at 0.
    int depth = 100_000;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x01); // one core type
    for (int i = 0; i < depth; i++) {
      body.writeBytes(
          new byte[] {0x50, 0x01, 0x01}); // module type, 1 declaration, a type declaration
    }
    body.writeBytes(new byte[] {0x60, 0x00, 0x00}); // the innermost: func type () -> ()
    byte[] section = body.toByteArray();
    ByteArrayOutputStream component = new ByteArrayOutputStream();
    component.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x03});
    writeU32(component, section.length);
    component.writeBytes(section);
    byte[] bytes = component.toByteArray();
    int sectionStart = bytes.length - section.length;
    ComponentDecodeException e =
        assertThrows(ComponentDecodeException.class, () -> CompiledComponent.compile(bytes));
    // the first nested module type: after the count, the outer 0x50, its count and the 0x01
    assertEquals(sectionStart + 4, e.offset(), e.getMessage());
    assertEquals(
        "at byte offset " + (sectionStart + 4) + ": a module type cannot declare a module type",
        e.getMessage());
  }

  private static void writeU32(ByteArrayOutputStream out, int value) {
    do {
      int b = value & 0x7f;
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
  }

  @Test
  void randomByteCorruptionNeverEscapesAsAnUncheckedException() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    for (String name : COMPONENTS) {
      byte[] original = TestComponents.bytes(name);
      for (int round = 0; round < 120; round++) {
        byte[] bytes = original.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
          bytes[8 + random.nextInt(bytes.length - 8)] = (byte) random.nextInt(256);
        }
        try {
          CompiledComponent compiled = CompiledComponent.compile(bytes);
          compiled.instantiate(dev.corral.sandbox.host.Linker.empty());
        } catch (ComponentDecodeException e) {
          // a checked, explanatory failure, where the corruption is: the preamble is intact
          assertTrue(
              e.offset() >= 8 && e.offset() <= bytes.length,
              name + " round " + round + ": " + e.getMessage());
        } catch (ComponentException expected) {
          // a checked, explanatory failure
        } catch (RuntimeException | Error e) {
          fail(name + " round " + round + ": unchecked " + e, e);
        }
      }
    }
  }
}
