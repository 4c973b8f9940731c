package dev.corral.sandbox.binary;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One definition of a component, in binary order. Each adds to one or more index spaces. */
public sealed interface Definition {

  /** A core module, kept as its bytes and its offset in the enclosing binary. */
  record CoreModule(byte[] bytes, int offset) implements Definition {
    public CoreModule {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /** A core instance: instantiation of a module, or a bundle of core exports. */
  record CoreInstance(CoreInstanceExpr expr) implements Definition {}

  /** A core type. */
  record CoreType(CoreTypeDef type) implements Definition {}

  /** A nested component. */
  record NestedComponent(Component component) implements Definition {}

  /** A component instance. */
  record Instance(InstanceExpr expr) implements Definition {}

  /** An alias. */
  record AliasDef(Alias alias) implements Definition {}

  /** A type definition. */
  record Type(TypeDef type) implements Definition {}

  /** A canonical definition. */
  record CanonDef(Canon canon) implements Definition {}

  /** A component start function (a gated feature). */
  record Start(int funcIndex, List<Integer> args, int results) implements Definition {}

  /** An import. */
  record Import(ExternName name, ExternDesc desc) implements Definition {}

  /** An export, with an optional type ascription. */
  record Export(ExternName name, SortIndex target, Optional<ExternDesc> ascribed)
      implements Definition {}

  /** The kind of definition, for error messages: {@code core module}, {@code import 'name'}. */
  default String describe() {
    return switch (this) {
      case CoreModule m -> "core module";
      case CoreInstance i -> "core instance";
      case CoreType t -> "core type";
      case NestedComponent c -> "component";
      case Instance i -> "instance";
      case AliasDef a -> "alias";
      case Type t -> "type";
      case CanonDef c -> "canon";
      case Start s -> "start";
      case Import i -> "import '" + i.name() + "'";
      case Export e -> "export '" + e.name() + "'";
    };
  }

  /** How a core instance is made. */
  sealed interface CoreInstanceExpr {
    /** {@code (instantiate m (with "name" (instance i))*)}. */
    record Instantiate(int moduleIndex, List<CoreArg> args) implements CoreInstanceExpr {}

    /** A bundle of core items exported under names. */
    record FromExports(List<CoreExport> exports) implements CoreInstanceExpr {}
  }

  /** {@code (with "name" (instance i))} for a core instantiation. */
  record CoreArg(String name, int coreInstanceIndex) {}

  /** {@code (export "name" (core sort i))} in a core instance bundle. */
  record CoreExport(String name, SortIndex target) {}

  /** How a component instance is made. */
  sealed interface InstanceExpr {
    /** {@code (instantiate c (with "name" (sort i))*)}. */
    record Instantiate(int componentIndex, List<Arg> args) implements InstanceExpr {}

    /** A bundle of items exported under names. */
    record FromExports(List<NamedItem> exports) implements InstanceExpr {}
  }

  /** {@code (with "name" (sort i))}. */
  record Arg(String name, SortIndex target) {}

  /** {@code (export "name" (sort i))} in an instance bundle. */
  record NamedItem(ExternName name, SortIndex target) {}
}
