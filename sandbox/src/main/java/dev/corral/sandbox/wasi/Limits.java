package dev.corral.sandbox.wasi;

import java.time.Duration;
import java.util.Objects;

/**
 * Hard limits on one call: the most linear memory any memory of the instance may grow to, the
 * wall-clock deadline (covering instantiation and the call), and the most bytes captured from
 * stdout and from stderr (writing more fails the call).
 */
public record Limits(long maxMemoryBytes, Duration timeout, int maxStdoutBytes, int maxStderrBytes) {
  /** 64 KiB, the size of a WebAssembly page. */
  public static final long PAGE = 65536;

  public Limits {
    Objects.requireNonNull(timeout, "timeout");
    if (maxMemoryBytes < 0 || maxMemoryBytes > 65536L * PAGE) {
      throw new IllegalArgumentException("maxMemoryBytes must be in [0, 4 GiB]: " + maxMemoryBytes);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (maxStdoutBytes < 0 || maxStderrBytes < 0) {
      throw new IllegalArgumentException("output caps must not be negative");
    }
  }

  /** 256 MiB of memory, 30 seconds, 1 MiB of stdout and 1 MiB of stderr. */
  public static Limits defaults() {
    return new Limits(256L << 20, Duration.ofSeconds(30), 1 << 20, 1 << 20);
  }

  public Limits withMaxMemoryBytes(long bytes) {
    return new Limits(bytes, timeout, maxStdoutBytes, maxStderrBytes);
  }

  public Limits withTimeout(Duration newTimeout) {
    return new Limits(maxMemoryBytes, newTimeout, maxStdoutBytes, maxStderrBytes);
  }

  public Limits withOutputCaps(int stdoutBytes, int stderrBytes) {
    return new Limits(maxMemoryBytes, timeout, stdoutBytes, stderrBytes);
  }

  /** The memory cap in whole pages (rounded down). */
  public int maxMemoryPages() {
    return (int) (maxMemoryBytes / PAGE);
  }
}
