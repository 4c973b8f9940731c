package dev.corral.sandbox.binary;

/** The core value types that can appear in component-level core type definitions. */
public enum CoreValType {
  I32,
  I64,
  F32,
  F64,
  V128,
  FUNCREF,
  EXTERNREF
}
