package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * A component function made by {@code canon lift}: calling it lowers the arguments into the guest,
 * runs the core function, lifts the result and runs post-return.
 */
final class LiftedFunction implements ComponentFunction {
  private final FuncType type;
  private final List<ValType> paramTypes;
  private final List<ValType> resultTypes;
  private final CoreFunc core;
  private final ResolvedOptions options;
  private final ComponentState instance;
  private final Store store;

  LiftedFunction(
      FuncType type, CoreFunc core, ResolvedOptions options, ComponentState instance, Store store) {
    this.type = type;
    this.paramTypes = type.params().stream().map(Field::type).toList();
    this.resultTypes = type.result().stream().toList();
    this.core = core;
    this.options = options;
    this.instance = instance;
    this.store = store;
  }

  @Override
  public FuncType type() {
    return type;
  }

  @Override
  public Optional<Value> invoke(List<Value> args) throws ComponentTrap {
    return invoke(args, LiftBudget.UNLIMITED);
  }

  @Override
  public Optional<Value> invoke(List<Value> args, LiftBudget resultBudget) throws ComponentTrap {
    if (args.size() != paramTypes.size()) {
      throw new IllegalArgumentException(
          "expected " + paramTypes.size() + " arguments, got " + args.size());
    }
    if (instance.entered) {
      throw new ComponentTrap("cannot re-enter component instance '" + instance.name + "'");
    }
    instance.entered = true;
    try {
      CallScope scope = new CallScope(store.hostHandles);
      Abi abi = new Abi(options.context(instance, scope, store, resultBudget));
      long[] flatArgs = abi.lowerFlatValues(Abi.MAX_FLAT_PARAMS, args, paramTypes, null);
      long[] flatResults = core.call(flatArgs);
      List<Value> results =
          abi.liftFlatValues(Abi.MAX_FLAT_RESULTS, new Abi.FlatReader(flatResults), resultTypes);
      if (options.postReturn() != null) {
        instance.mayLeave = false;
        try {
          options.postReturn().call(flatResults);
        } finally {
          instance.mayLeave = true;
        }
      }
      if (scope.borrowCount > 0) {
        throw new ComponentTrap(
            scope.borrowCount + " borrowed handle(s) were not dropped before the call returned");
      }
      return results.stream().findFirst();
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new ComponentTrap("core function returned fewer values than its type requires", e);
    } finally {
      instance.entered = false;
    }
  }
}
