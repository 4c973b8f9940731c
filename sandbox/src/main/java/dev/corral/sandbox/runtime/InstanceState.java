package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;

/** Whether a top-level instance is still usable: a trap poisons it for good. */
final class InstanceState {
  private volatile String poisonedBy;
  private final java.util.List<LinearMemory> memories =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Remembers a linear memory created under the instance's limits. */
  void trackMemory(LinearMemory memory) {
    memories.add(memory);
  }

  /** The current size and maximum of every linear memory, in creation order. */
  java.util.List<MemoryUsage> memoryUsage() {
    return memories.stream()
        .map(m -> new MemoryUsage(m.pages(), m.maximumPages(), m.limitHit()))
        .toList();
  }

  void poison(String reason) {
    if (poisonedBy == null) {
      poisonedBy = reason;
    }
  }

  void checkUsable() throws ComponentTrap {
    String reason = poisonedBy;
    if (reason != null) {
      throw new ComponentTrap("instance is unusable after an earlier trap: " + reason);
    }
  }
}
