package dev.corral.sandbox.binary;

import java.util.Objects;

/** A canonical definition: lifts, lowers and the resource built-ins. */
public sealed interface Canon {
  /** {@code (canon lift (core func f) opts (type t))}: defines a component function. */
  record Lift(int coreFuncIndex, CanonOptions options, int typeIndex) implements Canon {}

  /** {@code (canon lower (func f) opts)}: defines a core function. */
  record Lower(int funcIndex, CanonOptions options) implements Canon {}

  /** {@code (canon resource.new t)}. */
  record ResourceNew(int typeIndex) implements Canon {}

  /** {@code (canon resource.drop t async?)}. */
  record ResourceDrop(int typeIndex, boolean async) implements Canon {}

  /** {@code (canon resource.rep t)}. */
  record ResourceRep(int typeIndex) implements Canon {}

  /**
   * A built-in of component-model async or threads (task.return, stream.read, thread.spawn...):
   * decoded so that the binary can be inspected, refused at instantiation.
   */
  record Unsupported(String builtin) implements Canon {
    public Unsupported {
      Objects.requireNonNull(builtin, "builtin");
    }
  }

  /** Whether this definition adds a core function (all but lift do). */
  default boolean definesCoreFunc() {
    return !(this instanceof Lift);
  }
}
