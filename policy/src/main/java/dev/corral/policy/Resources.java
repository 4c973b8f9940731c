package dev.corral.policy;

import java.util.Optional;

/**
 * Wassette's {@code permissions.resources} section: {@code limits: {cpu, memory}} in Kubernetes
 * units, or the older {@code cpu} (percent), {@code memory} (MiB) and {@code io} fields. Corral
 * enforces the memory figure (the smaller of this and {@code limits.memory}); CPU and IO are
 * checked for form and otherwise ignored, since the per-call timeout bounds CPU use.
 */
public record Resources(Optional<Long> cpuMillis, Optional<Long> memoryBytes) {
  public static final Resources NONE = new Resources(Optional.empty(), Optional.empty());
}
