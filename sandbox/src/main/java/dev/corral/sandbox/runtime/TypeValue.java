package dev.corral.sandbox.runtime;

import dev.corral.sandbox.binary.TypeDef;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ValType;
import java.util.List;

/** An entry of the type index space, resolved as far as instantiation needs. */
sealed interface TypeValue {
  /** A value type. */
  record Val(ValType type) implements TypeValue {}

  /** A function type. */
  record Func(FuncType type) implements TypeValue {}

  /** A resource type. */
  record Resource(ResourceType type) implements TypeValue {}

  /** An instance type, kept as declarations and resolved when an import is linked. */
  record Instance(List<TypeDef.Decl> decls, Scope scope) implements TypeValue {}

  /** A component type, kept as declarations. */
  record ComponentT(List<TypeDef.Decl> decls, Scope scope) implements TypeValue {}

  default String describe() {
    return switch (this) {
      case Val v -> "value type " + v.type();
      case Func f -> "function type";
      case Resource r -> r.type().toString();
      case Instance i -> "instance type";
      case ComponentT c -> "component type";
    };
  }
}
