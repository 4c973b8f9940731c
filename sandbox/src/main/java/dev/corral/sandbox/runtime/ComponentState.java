package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;

/**
 * The runtime state of one component instance (top-level or nested): its handle table and the flags
 * that stop re-entrance and calls out of realloc or post-return.
 */
final class ComponentState {
  final String name;
  final HandleTable handles = new HandleTable();
  boolean mayLeave = true;
  boolean entered;

  ComponentState(String name) {
    this.name = name;
  }

  void checkMayLeave(String what) throws ComponentTrap {
    if (!mayLeave) {
      throw new ComponentTrap(
          "component instance '"
              + name
              + "' called "
              + what
              + " while it may not leave"
              + " (during realloc or post-return)");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
