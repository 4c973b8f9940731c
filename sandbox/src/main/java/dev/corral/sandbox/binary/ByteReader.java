package dev.corral.sandbox.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads the primitive encodings of the WebAssembly binary format, within a bounded window. */
final class ByteReader {
  private final byte[] bytes;
  private int position;
  private final int limit;

  /** Where this reader or any slice of it last read: shared by a reader and all its slices. */
  private final int[] lastRead;

  /** Whether {@code bytes} are a custom section's contents rather than a whole binary. */
  private final boolean sectionContents;

  ByteReader(byte[] bytes, int start, int limit) {
    this(bytes, start, limit, new int[] {start}, false);
  }

  private ByteReader(byte[] bytes, int start, int limit, int[] lastRead, boolean sectionContents) {
    this.bytes = bytes;
    this.position = start;
    this.limit = limit;
    this.lastRead = lastRead;
    this.sectionContents = sectionContents;
  }

  /** A reader over a custom section's contents; offsets are relative to their start. */
  static ByteReader ofSectionContents(byte[] contents) {
    return new ByteReader(contents, 0, contents.length, new int[] {0}, true);
  }

  /** The offset of the last read by this reader or any of its slices. */
  int lastRead() {
    return lastRead[0];
  }

  int position() {
    return position;
  }

  int limit() {
    return limit;
  }

  boolean hasMore() {
    return position < limit;
  }

  byte[] bytes() {
    return bytes;
  }

  /** A reader over the next {@code length} bytes; this reader skips past them. */
  ByteReader slice(int length, String what) throws ComponentDecodeException {
    require(length, what);
    ByteReader slice =
        new ByteReader(bytes, position, position + length, lastRead, sectionContents);
    position += length;
    return slice;
  }

  int u8(String what) throws ComponentDecodeException {
    require(1, what);
    return bytes[position++] & 0xFF;
  }

  int peek(String what) throws ComponentDecodeException {
    require(1, what);
    return bytes[position] & 0xFF;
  }

  void expect(int expected, String what) throws ComponentDecodeException {
    int start = position;
    int actual = u8(what);
    if (actual != expected) {
      throw new ComponentDecodeException(
          start, String.format("expected 0x%02x for %s, found 0x%02x", expected, what, actual));
    }
  }

  /** An unsigned LEB128 value of at most 32 bits. */
  int u32(String what) throws ComponentDecodeException {
    int start = position;
    long result = 0;
    int shift = 0;
    while (true) {
      int b = u8(what);
      if (shift == 28 && (b & 0x70) != 0) {
        throw new ComponentDecodeException(start, what + ": u32 LEB128 value is too large");
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
      if (shift > 28) {
        throw new ComponentDecodeException(start, what + ": u32 LEB128 encoding is too long");
      }
    }
    if (result > Integer.MAX_VALUE) {
      throw new ComponentDecodeException(start, what + ": value " + result + " is too large");
    }
    return (int) result;
  }

  /** A vector length, checked against the bytes left (every element takes at least one byte). */
  int count(String what) throws ComponentDecodeException {
    int start = position;
    int n = u32(what + " count");
    if (n > limit - position) {
      throw new ComponentDecodeException(
          start, what + " count " + n + " exceeds the " + (limit - position) + " bytes left");
    }
    return n;
  }

  String name(String what) throws ComponentDecodeException {
    int start = position;
    int length = u32(what + " length");
    require(length, what);
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, position, length))
              .toString();
      position += length;
      return s;
    } catch (CharacterCodingException e) {
      throw new ComponentDecodeException(start, what + " is not valid UTF-8");
    }
  }

  byte[] take(int length, String what) throws ComponentDecodeException {
    require(length, what);
    byte[] out = new byte[length];
    System.arraycopy(bytes, position, out, 0, length);
    position += length;
    return out;
  }

  void requireEnd(String what) throws ComponentDecodeException {
    if (position != limit) {
      throw new ComponentDecodeException(
          position, what + " has " + (limit - position) + " unexpected trailing bytes");
    }
  }

  private void require(int length, String what) throws ComponentDecodeException {
    lastRead[0] = position;
    if (length < 0 || length > limit - position) {
      throw new ComponentDecodeException(
          position,
          "unexpected end of "
              + (limit == bytes.length && !sectionContents ? "input" : "section")
              + " while reading "
              + what);
    }
  }
}
