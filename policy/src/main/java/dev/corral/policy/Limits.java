package dev.corral.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits Corral applies to each call of a component: wall-clock {@code timeout}, the most
 * linear memory ({@code memoryBytes}) and the most output ({@code outputBytes}, the size of the
 * encoded result) it may produce.
 */
public record Limits(Duration timeout, long memoryBytes, long outputBytes) {
  /** What a component gets when its policy says nothing: 30 s, 256 MiB, 1 MiB. */
  public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(30), 256L << 20, 1L << 20);

  /** Bounds a policy may set. */
  static final Duration MAX_TIMEOUT = Duration.ofHours(24);

  static final long MIN_MEMORY = 64L << 10;
  static final long MAX_MEMORY = 4L << 30;
  static final long MAX_OUTPUT = 1L << 30;

  public Limits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || memoryBytes <= 0 || outputBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** As a policy writes them: {@code timeout 30s, memory 256Mi, output 1Mi}. */
  public String text() {
    return "timeout "
        + Quantities.formatDuration(timeout)
        + ", memory "
        + Quantities.formatBytes(memoryBytes)
        + ", output "
        + Quantities.formatBytes(outputBytes);
  }

  /** True if any of these limits is above its {@link #DEFAULTS default}. */
  public boolean raisesDefaults() {
    return timeout.compareTo(DEFAULTS.timeout) > 0
        || memoryBytes > DEFAULTS.memoryBytes
        || outputBytes > DEFAULTS.outputBytes;
  }

  /** The memory limit in 64 KiB WebAssembly pages, rounded down (at least one). */
  public int memoryPages() {
    return (int) Math.max(1, Math.min(65536, memoryBytes >>> 16));
  }
}
