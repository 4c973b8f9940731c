package dev.corral.mcp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} (a trailing {@code \r} is dropped), keeping at most
 * {@code limit} bytes of a line in memory: a longer line is read to its end and reported by its
 * length only.
 */
final class BoundedLineReader {
  private static final int CHUNK = 1 << 16;

  private final InputStream in;
  private final int limit;
  private final byte[] buffer = new byte[CHUNK];
  private int position;
  private int end;

  BoundedLineReader(InputStream in, int limit) {
    this.in = in;
    this.limit = limit;
  }

  /** A line read. */
  sealed interface Line permits Complete, TooLong {}

  /** A line of at most the limit, without its line ending. */
  record Complete(byte[] bytes) implements Line {}

  /** A line longer than the limit; {@code length} bytes, without its line ending. */
  record TooLong(long length) implements Line {}

  /** The next line; null at the end of the stream. */
  Line next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long length = 0;
    boolean any = false;
    byte last = 0;
    while (true) {
      if (position == end) {
        end = in.read(buffer);
        position = 0;
        if (end <= 0) {
          end = 0;
          return any ? finish(line, length, last) : null;
        }
      }
      any = true;
      int newline = indexOfNewline();
      int stop = newline < 0 ? end : newline;
      int count = stop - position;
      if (length + count <= limit + 1L) {
        // one byte beyond the limit is kept: it may be the \r that is dropped
        line.write(buffer, position, count);
      } else if (length <= limit) {
        line.write(buffer, position, (int) (limit + 1L - length));
      }
      if (count > 0) {
        last = buffer[stop - 1];
      }
      length += count;
      position = newline < 0 ? end : newline + 1;
      if (newline >= 0) {
        return finish(line, length, last);
      }
    }
  }

  private int indexOfNewline() {
    for (int i = position; i < end; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private Line finish(ByteArrayOutputStream line, long length, byte last) {
    long withoutEnding = length > 0 && last == '\r' ? length - 1 : length;
    if (withoutEnding > limit) {
      return new TooLong(withoutEnding);
    }
    return new Complete(Arrays.copyOf(line.toByteArray(), (int) withoutEnding));
  }
}
