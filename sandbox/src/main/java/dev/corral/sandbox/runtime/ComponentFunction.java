package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Optional;

/** A component-level function: lifted from core code, or provided by the host. */
interface ComponentFunction {
  FuncType type();

  Optional<Value> invoke(List<Value> args) throws ComponentTrap;

  /**
   * Invokes it, charging what lifting the result reads from guest memory to {@code resultBudget}.
   */
  default Optional<Value> invoke(List<Value> args, LiftBudget resultBudget) throws ComponentTrap {
    return invoke(args);
  }
}
