package dev.corral.sandbox.runtime;

/** The core value types that component values flatten to. */
enum FlatType {
  I32,
  I64,
  F32,
  F64;

  /** The smallest type both a and b fit in, when a variant's cases share flat slots. */
  static FlatType join(FlatType a, FlatType b) {
    if (a == b) {
      return a;
    }
    if ((a == I32 && b == F32) || (a == F32 && b == I32)) {
      return I32;
    }
    return I64;
  }
}
