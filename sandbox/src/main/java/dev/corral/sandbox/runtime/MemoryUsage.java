package dev.corral.sandbox.runtime;

/**
 * A linear memory's current size and the most it may grow to (both in 64 KiB pages), and whether a
 * {@code memory.grow} failed only because {@link InstanceLimits} lowered that maximum.
 */
public record MemoryUsage(int pages, int maxPages, boolean limitHit) {}
