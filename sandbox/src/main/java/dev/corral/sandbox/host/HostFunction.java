package dev.corral.sandbox.host;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * The Java implementation of a function a component imports. It receives lifted arguments and
 * returns the result (empty for a function without one). Throwing {@link ComponentTrap} traps the
 * calling instance.
 */
@FunctionalInterface
public interface HostFunction {
  Optional<Value> call(List<Value> args) throws ComponentTrap;
}
