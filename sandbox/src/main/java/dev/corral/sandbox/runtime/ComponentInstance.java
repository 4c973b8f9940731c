package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An instantiated component: its exported functions, callable from Java. An instance is used by one
 * call at a time; after a trap it is poisoned and refuses further calls.
 */
public final class ComponentInstance {
  private final List<ExportedFunction> functions;
  private final Map<String, ComponentFunction> implementations;
  private final InstanceState state;
  private final Store store;

  ComponentInstance(
      List<ExportedFunction> functions,
      Map<ExportedFunction, ComponentFunction> implementations,
      Store store) {
    this.functions = List.copyOf(functions);
    Map<String, ComponentFunction> byName = new HashMap<>();
    implementations.forEach((f, impl) -> byName.put(f.qualifiedName(), impl));
    this.implementations = Map.copyOf(byName);
    this.state = store.state;
    this.store = store;
  }

  /**
   * The size and (limit-clamped) maximum of each linear memory of this instance: tells a trap
   * caused by running out of memory under {@link InstanceLimits} from others.
   */
  public List<MemoryUsage> memoryUsage() {
    return state.memoryUsage();
  }

  /** Every exported function, world-level ones first, in export order. */
  public List<ExportedFunction> functions() {
    return functions;
  }

  /** The exported function with this qualified name ({@code iface#name} or {@code name}). */
  public Optional<ExportedFunction> function(String qualifiedName) {
    return functions.stream().filter(f -> f.qualifiedName().equals(qualifiedName)).findFirst();
  }

  /**
   * Calls an exported function, found by its qualified name (so a function from {@link
   * CompiledComponent#exports()} works too). Arguments must match the function's parameter types.
   *
   * @throws ComponentTrap if the guest traps or a canonical ABI rule is broken
   * @throws IllegalArgumentException if {@code function} is not one of this instance's exports or
   *     the arguments do not match its type
   */
  public Optional<Value> call(ExportedFunction function, List<Value> args) throws ComponentTrap {
    return call(function, args, LiftBudget.UNLIMITED);
  }

  /**
   * Calls an exported function like {@link #call(ExportedFunction, List)}, charging the bytes
   * lifting its result reads from guest memory to {@code resultBudget}.
   *
   * @throws ComponentTrap also when the budget refuses the result
   */
  public Optional<Value> call(ExportedFunction function, List<Value> args, LiftBudget resultBudget)
      throws ComponentTrap {
    java.util.Objects.requireNonNull(resultBudget, "resultBudget");
    ComponentFunction implementation = implementations.get(function.qualifiedName());
    if (implementation == null) {
      throw new IllegalArgumentException(
          function.qualifiedName() + " is not exported by this instance");
    }
    state.checkUsable();
    try {
      return implementation.invoke(args, resultBudget);
    } catch (ComponentTrap trap) {
      state.poison(trap.getMessage());
      throw trap;
    }
  }

  /**
   * Drops an owned handle the host received from this instance (for example from a resource
   * constructor): the resource's destructor runs, in the guest for a guest-defined resource, as a
   * call into that instance (it traps if the instance is active, and the instance may not be
   * re-entered while it runs). Each handle the host received can be dropped once; dropping it
   * again, or dropping a handle the host never received, traps and leaves the instance usable.
   *
   * @throws IllegalArgumentException if {@code handle} is a borrow
   * @throws ComponentTrap if the handle is not one the host holds, or the destructor traps
   */
  public void drop(HandleValue handle) throws ComponentTrap {
    if (!handle.owned()) {
      throw new IllegalArgumentException(
          "only an owned handle can be dropped, not a borrow of " + handle.resource());
    }
    state.checkUsable();
    if (!store.hostHandles.takeOwned(handle.resource(), handle.rep())) {
      throw new ComponentTrap(
          "cannot drop own<"
              + handle.resource().name()
              + "> with rep "
              + handle.rep()
              + ": the host holds no such owned handle (it was dropped or passed on already, or never received)");
    }
    ResourceImpl impl = store.impl(handle.resource());
    if (impl == null) {
      return;
    }
    try {
      impl.destroy(handle.rep(), null);
    } catch (ComponentTrap trap) {
      state.poison(trap.getMessage());
      throw trap;
    }
  }
}
