package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.host.HostFunctionDef;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Optional;

/** A host function seen as a component function, typed as the component declared it. */
record HostFunctionAdapter(FuncType type, HostFunctionDef host) implements ComponentFunction {
  @Override
  public Optional<Value> invoke(List<Value> args) throws ComponentTrap {
    Optional<Value> result;
    try {
      result = host.implementation().call(args);
    } catch (ComponentTrap trap) {
      throw trap;
    } catch (RuntimeException e) {
      throw new ComponentTrap("host function '" + host.name() + "' failed: " + e, e);
    }
    if (result == null || result.isPresent() != type.result().isPresent()) {
      throw new ComponentTrap(
          "host function '"
              + host.name()
              + "' returned "
              + (result != null && result.isPresent() ? "a value" : "no value")
              + " contrary to its type");
    }
    return result;
  }
}
