package dev.corral.sandbox.binary;

import dev.corral.sandbox.types.Primitive;

/** A {@code valtype} in the binary: a primitive, or an index into the type index space. */
public sealed interface TypeRef {
  /** A primitive value type written inline. */
  record Prim(Primitive primitive) implements TypeRef {}

  /** A reference to a defined value type by type index. */
  record Index(int index) implements TypeRef {}
}
