package dev.corral.oci;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * Closes a stream when no data has arrived for a while: {@code java.net.http} has no read timeout,
 * and a registry that stops sending in the middle of a body would otherwise block a download
 * forever. Call {@link #progress()} after every read.
 */
final class StallGuard implements AutoCloseable {
  private final Closeable stream;
  private final Duration limit;
  private final long limitNanos;
  private final Thread watcher;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean stalled;
  private volatile boolean done;

  StallGuard(Closeable stream, Duration limit) {
    this.stream = stream;
    this.limit = limit;
    this.limitNanos = limit.toNanos();
    long tick = Math.max(50, Math.min(1000, limit.toMillis() / 4));
    this.watcher = Thread.ofVirtual().name("corral-stall-guard").start(() -> watch(tick));
  }

  void progress() {
    lastProgress = System.nanoTime();
  }

  /** True if the stream was closed because it stalled. */
  boolean stalled() {
    return stalled;
  }

  /** Why a read failed: the stall if there was one, else {@code failure}. */
  String reason(Exception failure) {
    return stalled ? stallDescription() : failure.toString();
  }

  /** {@code no data for N s}. */
  String stallDescription() {
    return "no data for " + limit.toSeconds() + " s";
  }

  private void watch(long tickMillis) {
    try {
      while (!done) {
        Thread.sleep(tickMillis);
        if (!done && System.nanoTime() - lastProgress > limitNanos) {
          stalled = true;
          try {
            stream.close();
          } catch (IOException ignored) {
            // closing is all we can do
          }
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    done = true;
    watcher.interrupt();
  }
}
