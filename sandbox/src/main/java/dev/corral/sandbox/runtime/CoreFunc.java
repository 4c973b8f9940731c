package dev.corral.sandbox.runtime;

import com.dylibso.chicory.wasm.types.FunctionType;
import dev.corral.sandbox.error.ComponentTrap;

/**
 * A core function in a component's core function index space: a core instance's export, a lowered
 * component function, or a canonical built-in.
 */
interface CoreFunc {
  FunctionType type();

  long[] call(long... args) throws ComponentTrap;
}
