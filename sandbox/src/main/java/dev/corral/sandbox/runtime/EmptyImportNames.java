package dev.corral.sandbox.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Works around Chicory's refusal of function imports whose module and field names are both empty,
 * which wit-component emits (for example in the module whose start function calls {@code
 * _initialize}). Such imports get the module name {@link #PLACEHOLDER}; linking maps it back.
 */
final class EmptyImportNames {
  /** The module name given to imports that had an empty module and field name. */
  static final String PLACEHOLDER = "\u0000corral-empty-module";

  private EmptyImportNames() {}

  /** The module unchanged, or re-encoded with placeholders; unchanged if it cannot be read. */
  static byte[] patch(byte[] module) {
    try {
      return patchOrNull(module);
    } catch (RuntimeException e) {
      return module;
    }
  }

  /** The name a core instantiate argument must have to satisfy an import from {@code module}. */
  static String argumentName(String module) {
    return PLACEHOLDER.equals(module) ? "" : module;
  }

  private static byte[] patchOrNull(byte[] m) {
    int[] pos = {8};
    while (pos[0] < m.length) {
      int sectionStart = pos[0];
      int id = m[pos[0]++] & 0xFF;
      int size = length(m, pos);
      int payloadStart = pos[0];
      if (id == 2) {
        byte[] patched = patchImports(m, payloadStart, size);
        if (patched == null) {
          return m;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(m.length + 64);
        out.write(m, 0, sectionStart);
        out.write(2);
        writeLeb(out, patched.length);
        out.write(patched, 0, patched.length);
        out.write(m, payloadStart + size, m.length - payloadStart - size);
        return out.toByteArray();
      }
      pos[0] = payloadStart + size;
    }
    return m;
  }

  private static byte[] patchImports(byte[] m, int start, int size) {
    int[] pos = {start};
    int count = length(m, pos);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
    writeLeb(out, count);
    boolean changed = false;
    for (int i = 0; i < count; i++) {
      int moduleLength = length(m, pos);
      int moduleStart = pos[0];
      pos[0] += moduleLength;
      int nameLength = length(m, pos);
      int nameStart = pos[0];
      pos[0] += nameLength;
      int descStart = pos[0];
      skipDesc(m, pos);
      if (moduleLength == 0 && nameLength == 0) {
        byte[] placeholder = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
        writeLeb(out, placeholder.length);
        out.write(placeholder, 0, placeholder.length);
        changed = true;
      } else {
        writeLeb(out, moduleLength);
        out.write(m, moduleStart, moduleLength);
      }
      writeLeb(out, nameLength);
      out.write(m, nameStart, nameLength);
      out.write(m, descStart, pos[0] - descStart);
    }
    if (pos[0] != start + size) {
      throw new IllegalArgumentException("import section size mismatch");
    }
    return changed ? out.toByteArray() : null;
  }

  private static void skipDesc(byte[] m, int[] pos) {
    int kind = m[pos[0]++] & 0xFF;
    switch (kind) {
      case 0x00 -> leb(m, pos);
      case 0x01 -> {
        simpleType(m, pos);
        limits(m, pos);
      }
      case 0x02 -> limits(m, pos);
      case 0x03 -> {
        simpleType(m, pos);
        pos[0]++;
      }
      case 0x04 -> {
        pos[0]++;
        leb(m, pos);
      }
      default -> throw new IllegalArgumentException("unknown import kind " + kind);
    }
  }

  private static void simpleType(byte[] m, int[] pos) {
    int t = m[pos[0]++] & 0xFF;
    if (t == 0x63 || t == 0x64) {
      throw new IllegalArgumentException("typed references are not handled");
    }
  }

  private static void limits(byte[] m, int[] pos) {
    int flags = m[pos[0]++] & 0xFF;
    leb(m, pos);
    if ((flags & 1) != 0) {
      leb(m, pos);
    }
  }

  /** A size or count: a u32 that must fit in what is left of the module. */
  private static int length(byte[] m, int[] pos) {
    int value = leb(m, pos);
    if (value < 0 || value > m.length - pos[0]) {
      throw new IllegalArgumentException(
          "length " + Integer.toUnsignedString(value) + " beyond the module's end");
    }
    return value;
  }

  private static int leb(byte[] m, int[] pos) {
    long result = 0;
    int shift = 0;
    int b;
    do {
      if (shift > 28) {
        throw new IllegalArgumentException("LEB128 u32 longer than 5 bytes");
      }
      b = m[pos[0]++] & 0xFF;
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return (int) result;
  }

  private static void writeLeb(ByteArrayOutputStream out, int value) {
    long v = value & 0xFFFFFFFFL;
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }
}
