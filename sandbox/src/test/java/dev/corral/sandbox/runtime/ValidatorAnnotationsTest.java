package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link ValidatorAnnotations} tells the modules Chicory's validator would annotate (v128 values,
 * GC casts) from those it only checks, on modules assembled byte by byte.
 */
class ValidatorAnnotationsTest {
  private static final int I32 = 0x7F;
  private static final int V128 = 0x7B;

  @Test
  void aModuleOfPlainIntegerCodeIsNeverAnnotated() {
    // (func (param i32) (local i32) (drop (i32.const 7)) (memory.fill ...) is 0xFC: not annotated
    byte[] module =
        module(
            type(I32),
            body(
                new int[] {I32},
                0x41,
                0x07,
                0x1A,
                0x41,
                0x00,
                0x41,
                0x00,
                0x41,
                0x00,
                0xFC,
                0x0B,
                0x00,
                0x0B),
            true);
    assertFalse(ValidatorAnnotations.possible(parse(module)));
  }

  @Test
  void aV128ParameterMayBeAnnotated() {
    assertTrue(
        ValidatorAnnotations.possible(parse(module(type(V128), body(new int[0], 0x0B), false))));
  }

  @Test
  void aV128LocalMayBeAnnotated() {
    assertTrue(
        ValidatorAnnotations.possible(
            parse(module(type(I32), body(new int[] {V128}, 0x0B), false))));
  }

  @Test
  void aSimdInstructionMayBeAnnotated() {
    // (drop (v128.const i64x2 0 0)): the validator marks this drop as dropping a v128
    int[] code = new int[2 + 16 + 2];
    code[0] = 0xFD;
    code[1] = 0x0C;
    code[18] = 0x1A;
    code[19] = 0x0B;
    assertTrue(
        ValidatorAnnotations.possible(parse(module(type(I32), body(new int[0], code), false))));
  }

  private static WasmModule parse(byte[] module) {
    return Parser.builder()
        .withValidation(false)
        .build()
        .parse(() -> new ByteArrayInputStream(module));
  }

  /** A function type with one parameter of {@code param} and no results. */
  private static int[] type(int param) {
    return new int[] {0x60, 0x01, param, 0x00};
  }

  /** A function body with one local of each of {@code locals} and {@code code} (ending in 0x0B). */
  private static int[] body(int[] locals, int... code) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(locals.length);
    for (int local : locals) {
      b.write(0x01);
      b.write(local);
    }
    for (int c : code) {
      b.write(c);
    }
    return toInts(b.toByteArray());
  }

  private static byte[] module(int[] type, int[] body, boolean withMemory) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    section(m, 1, concat(new int[] {0x01}, type));
    section(m, 3, new int[] {0x01, 0x00});
    if (withMemory) {
      section(m, 5, new int[] {0x01, 0x00, 0x01});
    }
    section(m, 10, concat(new int[] {0x01, body.length}, body));
    return m.toByteArray();
  }

  private static void section(ByteArrayOutputStream m, int id, int[] content) {
    m.write(id);
    m.write(content.length);
    for (int c : content) {
      m.write(c);
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int[] toInts(byte[] bytes) {
    int[] out = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i] & 0xFF;
    }
    return out;
  }
}
