package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;

/**
 * Carries a {@link ComponentTrap} through Chicory, whose host-function interface cannot throw
 * checked exceptions. Never escapes the runtime.
 */
final class TrapSignal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TrapSignal(ComponentTrap trap) {
    super(trap.getMessage(), trap, false, false);
  }

  ComponentTrap trap() {
    return (ComponentTrap) getCause();
  }
}
