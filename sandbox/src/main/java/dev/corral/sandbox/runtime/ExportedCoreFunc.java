package dev.corral.sandbox.runtime;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.corral.sandbox.error.ComponentTrap;

/** A function exported by a core instance. */
record ExportedCoreFunc(Instance instance, String name, FunctionType type, ExportFunction function)
    implements CoreFunc {

  static ExportedCoreFunc of(Instance instance, String name) {
    return new ExportedCoreFunc(instance, name, instance.exportType(name), instance.export(name));
  }

  @Override
  public long[] call(long... args) throws ComponentTrap {
    try {
      long[] results = function.apply(args);
      return results == null ? new long[0] : results;
    } catch (RuntimeException | StackOverflowError e) {
      throw Traps.fromCore(e, "core function '" + name + "'");
    }
  }
}
