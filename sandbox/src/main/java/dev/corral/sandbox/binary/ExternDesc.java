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

  /** The index space an item of this type is added to. */
  default Sort sort() {
    return switch (this) {
      case CoreModule m -> Sort.CORE_MODULE;
      case Func f -> Sort.FUNC;
      case Value v -> Sort.VALUE;
      case TypeEq t -> Sort.TYPE;
      case TypeSubResource t -> Sort.TYPE;
      case Component c -> Sort.COMPONENT;
      case Instance i -> Sort.INSTANCE;
    };
  }
}
