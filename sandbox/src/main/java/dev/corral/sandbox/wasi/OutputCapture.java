package dev.corral.sandbox.wasi;

import dev.corral.sandbox.error.ComponentTrap;
import java.io.ByteArrayOutputStream;

/**
 * Captures what a guest writes to stdout or stderr during one call, up to a cap: a write that would
 * pass the cap fails the call (the output never reaches the JVM's own streams).
 */
final class OutputCapture implements HostOutputStream {
  private final String name;
  private final int cap;
  private final WasiContext context;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  OutputCapture(String name, int cap, WasiContext context) {
    this.name = name;
    this.cap = cap;
    this.context = context;
  }

  @Override
  public long checkWrite() {
    return 1 << 16;
  }

  @Override
  public synchronized void write(byte[] bytes) throws ComponentTrap {
    if ((long) buffer.size() + bytes.length > cap) {
      int room = cap - buffer.size();
      buffer.write(bytes, 0, room);
      throw context.limitHit("output limit: " + name + " exceeded " + cap + " bytes");
    }
    buffer.writeBytes(bytes);
  }

  synchronized byte[] bytes() {
    return buffer.toByteArray();
  }
}
