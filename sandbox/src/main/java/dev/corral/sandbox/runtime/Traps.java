package dev.corral.sandbox.runtime;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import dev.corral.sandbox.error.ComponentTrap;

/** Turns what escapes core code into a {@link ComponentTrap} with a clear message. */
final class Traps {
  private Traps() {}

  /** Converts a throwable raised while running core code (never returns normally). */
  static ComponentTrap fromCore(Throwable t, String where) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TrapSignal signal) {
        return signal.trap();
      }
    }
    if (t instanceof StackOverflowError) {
      return new ComponentTrap("call stack exhausted in " + where + " (too deep recursion)");
    }
    if (t instanceof ChicoryInterruptedException) {
      return new ComponentTrap("call interrupted in " + where, t);
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new ComponentTrap("wasm trap in " + where + ": " + message, t);
  }
}
