package dev.corral.mcp;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Threads that keep this JVM's CPUs busy until closed, so that a server under test runs on a loaded
 * machine, as it would beside other work.
 */
final class CpuLoad implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** Starts {@code threads} spinning daemon threads. */
  CpuLoad(int threads) {
    for (int t = 0; t < threads; t++) {
      Thread.ofPlatform()
          .daemon()
          .name("cpu-load")
          .start(
              () -> {
                while (running.get()) {
                  Thread.onSpinWait();
                }
              });
    }
  }

  @Override
  public void close() {
    running.set(false);
  }
}
