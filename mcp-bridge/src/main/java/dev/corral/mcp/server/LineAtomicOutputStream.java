package dev.corral.mcp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Buffers what one writer writes until a newline, then writes the whole line to the underlying
 * stream at once, so lines from several writers never interleave.
 */
final class LineAtomicOutputStream extends OutputStream {
  private final OutputStream target;
  private final Consumer<byte[]> onLine;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /** {@code onLine} sees each complete line (without its newline) after it was written. */
  LineAtomicOutputStream(OutputStream target, Consumer<byte[]> onLine) {
    this.target = target;
    this.onLine = onLine;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    pending.write(b);
    if (b == '\n') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        pending.write(bytes, start, i + 1 - start);
        emit();
        start = i + 1;
      }
    }
    pending.write(bytes, start, end - start);
  }

  /** Writes {@code line} and a newline as one unit, between the lines of other writers. */
  void writeLine(byte[] line) throws IOException {
    synchronized (target) {
      target.write(line);
      target.write('\n');
      target.flush();
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    synchronized (target) {
      target.flush();
    }
  }

  private void emit() throws IOException {
    byte[] line = pending.toByteArray();
    pending.reset();
    synchronized (target) {
      target.write(line);
      target.flush();
    }
    onLine.accept(java.util.Arrays.copyOf(line, line.length - 1));
  }
}
