package dev.corral.sandbox.runtime;

/** Whether a top-level instance is still usable: a trap poisons it for good. */
final class InstanceState {
  private volatile String poisonedBy;

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
