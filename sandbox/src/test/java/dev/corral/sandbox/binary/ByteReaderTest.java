package dev.corral.sandbox.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Where a reader last read: what the decoder's last-resort error reports. */
class ByteReaderTest {

  @Test
  void lastReadFollowsReadsInSlices() throws Exception {
    byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8};
    ByteReader reader = new ByteReader(bytes, 0, bytes.length);
    assertEquals(0, reader.lastRead());
    reader.u8("a");
    assertEquals(0, reader.lastRead());
    ByteReader slice = reader.slice(4, "slice");
    assertEquals(1, reader.lastRead());
    slice.u8("b");
    slice.u8("c");
    assertEquals(2, reader.lastRead(), "a read in a slice is where the whole reader last read");
    assertEquals(2, slice.lastRead());
    reader.u8("d");
    assertEquals(5, reader.lastRead());
  }

  @Test
  void aReadPastTheEndNamesWhereItStarted() throws Exception {
    byte[] bytes = {0x05, 0x01, 0x00};
    ByteReader reader = new ByteReader(bytes, 0, bytes.length);
    ByteReader slice = reader.slice(2, "slice");
    slice.u8("tag");
    ComponentDecodeException e =
        assertThrows(ComponentDecodeException.class, () -> slice.take(4, "payload"));
    assertEquals(1, e.offset());
    assertEquals(
        "at byte offset 1: unexpected end of section while reading payload", e.getMessage());
    assertEquals(1, reader.lastRead());
  }
}
