package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;

/**
 * Bounds what lifting a call's result may read from guest memory: before the canonical ABI copies a
 * string's bytes or a list's elements out of linear memory (and builds a Java object per element),
 * it charges their size in bytes here; a budget that is spent throws the trap that ends the call.
 * Pass one to {@link ComponentInstance#call(ExportedFunction, java.util.List, LiftBudget)}; it is
 * charged only after the pointers were checked to be in bounds.
 */
@FunctionalInterface
public interface LiftBudget {
  /** Charges nothing: no bound. */
  LiftBudget UNLIMITED = bytes -> {};

  /**
   * Charges {@code bytes} about to be read.
   *
   * @throws ComponentTrap to refuse them (the call fails with this trap)
   */
  void charge(long bytes) throws ComponentTrap;
}
