package dev.corral.sandbox.runtime;

/**
 * Resource limits applied to one component instance: the most pages any linear memory may grow to
 * (64 KiB each).
 */
public record InstanceLimits(int maxMemoryPages) {
  /** 65536 pages: the 4 GiB a 32-bit memory can address. */
  public static final int UNLIMITED_PAGES = 65536;

  public InstanceLimits {
    if (maxMemoryPages < 0 || maxMemoryPages > UNLIMITED_PAGES) {
      throw new IllegalArgumentException("maxMemoryPages must be in [0, 65536]: " + maxMemoryPages);
    }
  }

  /** The defaults: 256 MiB of linear memory (4096 pages). */
  public static InstanceLimits defaults() {
    return new InstanceLimits(4096);
  }
}
