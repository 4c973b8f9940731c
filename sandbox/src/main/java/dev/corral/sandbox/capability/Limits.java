package dev.corral.sandbox.capability;

import java.time.Duration;
import java.util.Objects;

/**
 * Hard limits on one call: the most linear memory any memory of the instance may grow to, the
 * wall-clock deadline (covering instantiation and the call), the most bytes captured from stdout
 * and from stderr (writing more fails the call), and the most bytes lifting the call's result may
 * read from guest memory (strings' bytes, lists' elements; a bigger result fails the call before
 * the host builds it).
 */
public record Limits(
    long maxMemoryBytes,
    Duration timeout,
    int maxStdoutBytes,
    int maxStderrBytes,
    long maxResultBytes) {
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
    if (maxResultBytes < 0) {
      throw new IllegalArgumentException("maxResultBytes must not be negative: " + maxResultBytes);
    }
  }

  /** 256 MiB of memory, 30 seconds, 1 MiB of stdout, 1 MiB of stderr and a result of 1 MiB. */
  public static Limits defaults() {
    return new Limits(256L << 20, Duration.ofSeconds(30), 1 << 20, 1 << 20, 1L << 20);
  }

  public Limits withMaxMemoryBytes(long bytes) {
    return new Limits(bytes, timeout, maxStdoutBytes, maxStderrBytes, maxResultBytes);
  }

  public Limits withTimeout(Duration newTimeout) {
    return new Limits(maxMemoryBytes, newTimeout, maxStdoutBytes, maxStderrBytes, maxResultBytes);
  }

  public Limits withOutputCaps(int stdoutBytes, int stderrBytes) {
    return new Limits(maxMemoryBytes, timeout, stdoutBytes, stderrBytes, maxResultBytes);
  }

  public Limits withMaxResultBytes(long bytes) {
    return new Limits(maxMemoryBytes, timeout, maxStdoutBytes, maxStderrBytes, bytes);
  }

  /** The memory cap in whole pages (rounded down). */
  public int maxMemoryPages() {
    return (int) (maxMemoryBytes / PAGE);
  }
}
