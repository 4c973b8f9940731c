package dev.corral.sandbox.runtime;

import com.dylibso.chicory.wasm.types.FunctionType;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * A core function made by {@code canon lower}: core code calls it with flat values, it lifts them,
 * calls the component function and lowers the result back into the caller.
 */
final class LoweredFunction implements CoreFunc {
  private final String name;
  private final ComponentFunction callee;
  private final List<ValType> paramTypes;
  private final List<ValType> resultTypes;
  private final FunctionType coreType;
  private final boolean resultsInMemory;
  private final ResolvedOptions options;
  private final ComponentState instance;
  private final Store store;

  LoweredFunction(
      String name,
      ComponentFunction callee,
      ResolvedOptions options,
      ComponentState instance,
      Store store) {
    this.name = name;
    this.callee = callee;
    FuncType type = callee.type();
    this.paramTypes = type.params().stream().map(Field::type).toList();
    this.resultTypes = type.result().stream().toList();
    this.resultsInMemory = Layout.flatten(resultTypes).size() > Abi.MAX_FLAT_RESULTS;
    this.coreType = CoreTypes.lowered(paramTypes, resultTypes);
    this.options = options;
    this.instance = instance;
    this.store = store;
  }

  @Override
  public FunctionType type() {
    return coreType;
  }

  @Override
  public long[] call(long... args) throws ComponentTrap {
    instance.checkMayLeave("import '" + name + "'");
    CallScope scope = new CallScope(store.hostHandles);
    Abi abi = new Abi(options.context(instance, scope, store));
    Abi.FlatReader in = new Abi.FlatReader(args);
    List<Value> values = abi.liftFlatValues(Abi.MAX_FLAT_PARAMS, in, paramTypes);
    Optional<Value> result;
    try {
      result = callee.invoke(values);
    } finally {
      scope.releaseLends();
    }
    if (resultTypes.isEmpty()) {
      return new long[0];
    }
    Value value = result.orElseThrow(() -> new ComponentTrap("'" + name + "' returned no value"));
    Long returnArea = resultsInMemory ? in.next() : null;
    try {
      return abi.lowerFlatValues(Abi.MAX_FLAT_RESULTS, List.of(value), resultTypes, returnArea);
    } catch (IllegalArgumentException e) {
      throw new ComponentTrap(
          "'" + name + "' returned a value that does not match its type: " + e.getMessage());
    }
  }
}
