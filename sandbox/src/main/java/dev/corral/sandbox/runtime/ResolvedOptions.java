package dev.corral.sandbox.runtime;

import com.dylibso.chicory.runtime.Memory;
import dev.corral.sandbox.binary.StringEncoding;

/** Canonical options with their indices resolved to the memory and functions they name. */
record ResolvedOptions(
    Memory memory, StringEncoding encoding, CoreFunc realloc, CoreFunc postReturn) {
  AbiContext context(ComponentState instance, CallScope scope, Store store) {
    return context(instance, scope, store, LiftBudget.UNLIMITED);
  }

  AbiContext context(ComponentState instance, CallScope scope, Store store, LiftBudget budget) {
    return new AbiContext(memory, encoding, realloc, instance, scope, store, budget);
  }
}
