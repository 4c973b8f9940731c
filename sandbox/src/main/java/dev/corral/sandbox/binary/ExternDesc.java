package dev.corral.sandbox.binary;

/** The type of an import or export: {@code externtype} in the binary format. */
public sealed interface ExternDesc {
  /** {@code (core module (type i))}. */
  record CoreModule(int coreTypeIndex) implements ExternDesc {}

  /** {@code (func (type i))}. */
  record Func(int typeIndex) implements ExternDesc {}

  /** {@code (value ...)}: value imports are a gated feature that Corral does not run. */
  record Value(boolean isEq, int indexOrNegative, TypeRef type) implements ExternDesc {}

  /** {@code (type (eq i))}. */
  record TypeEq(int typeIndex) implements ExternDesc {}

  /** {@code (type (sub resource))}: a fresh abstract resource type. */
  record TypeSubResource() implements ExternDesc {}

  /** {@code (component (type i))}. */
  record Component(int typeIndex) implements ExternDesc {}

  /** {@code (instance (type i))}. */
  record Instance(int typeIndex) implements ExternDesc {}
}
