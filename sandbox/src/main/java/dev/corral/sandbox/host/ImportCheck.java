package dev.corral.sandbox.host;

import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.world.Function;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.NamedType;
import dev.corral.sandbox.world.World;
import dev.corral.sandbox.world.WorldItem;
import java.util.List;
import java.util.Optional;

/**
 * Checks, without running any guest code, that the host provides everything a component imports,
 * with the same types: every interface (at a compatible version), every resource and every
 * function. Resource types are matched by name (their identities differ by construction). Type
 * imports with an {@code eq} bound (world-level records, variants, enums, flags, aliases and {@code
 * use}s) need nothing from the host; a world-level resource ({@code (sub resource)}) or function
 * does, and fails the check. Messages name what the host offers ({@code offered}, such as {@code
 * "WASI 0.2.12 interfaces of wasi:io, ..."}).
 */
public final class ImportCheck {
  private ImportCheck() {}

  public static void check(World world, Linker host, String offered) throws LinkException {
    for (WorldItem item : world.imports()) {
      switch (item) {
        case Interface i -> checkInterface(i, host, offered);
        case Function f ->
            throw new LinkException(
                "the component imports the function '"
                    + f.name()
                    + "', which is not part of an interface; the host only provides "
                    + offered);
        case NamedType.Resource r when r.aliasOf().isEmpty() ->
            throw new LinkException(
                "the component imports the resource type '"
                    + r.name()
                    + "', which is not part of an interface;"
                    + " a world-level resource must be implemented by the host, and the host only provides "
                    + offered);
        case NamedType t -> {
          // A type import bound by equality to a type the component defines or already imported
          // ((import "stats" (type (eq N))), how wit-component encodes every world-level type):
          // resolved inside the component, nothing for the host to provide.
        }
      }
    }
  }

  private static void checkInterface(Interface wanted, Linker host, String offered)
      throws LinkException {
    HostInstance provided =
        host.instance(wanted.name())
            .orElseThrow(
                () ->
                    new LinkException(
                        "the component imports "
                            + wanted.name()
                            + ", which the host does not implement (it offers "
                            + offered
                            + ")"));
    for (NamedType t : wanted.types()) {
      if (t instanceof NamedType.Resource r
          && r.aliasOf().isEmpty()
          && provided.resource(r.name()).isEmpty()) {
        throw new LinkException(
            "the component imports resource '"
                + r.name()
                + "' of "
                + wanted.name()
                + ", which the host's "
                + provided.name()
                + " does not provide");
      }
    }
    for (Function f : wanted.functions()) {
      Optional<HostFunctionDef> def = provided.function(f.name());
      if (def.isEmpty()) {
        throw new LinkException(
            "the component imports function '"
                + f.name()
                + "' of "
                + wanted.name()
                + ", which the host's "
                + provided.name()
                + " does not provide");
      }
      if (!sameFunction(f.type(), def.get().type())) {
        throw new LinkException(
            "the component imports function '"
                + f.name()
                + "' of "
                + wanted.name()
                + " with type "
                + f.type()
                + ", but the host's "
                + provided.name()
                + " implements "
                + def.get().type());
      }
    }
  }

  static boolean sameFunction(FuncType a, FuncType b) {
    if (a.params().size() != b.params().size()
        || a.result().isPresent() != b.result().isPresent()) {
      return false;
    }
    for (int i = 0; i < a.params().size(); i++) {
      Field x = a.params().get(i);
      Field y = b.params().get(i);
      if (!x.name().equals(y.name()) || !same(x.type(), y.type())) {
        return false;
      }
    }
    return a.result().isEmpty() || same(a.result().get(), b.result().get());
  }

  private static boolean same(Optional<ValType> a, Optional<ValType> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || same(a.get(), b.get()));
  }

  private static boolean same(List<ValType> a, List<ValType> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Structural equality, with resources compared by name. */
  static boolean same(ValType a, ValType b) {
    return switch (a) {
      case OwnType o -> b instanceof OwnType p && o.resource().name().equals(p.resource().name());
      case BorrowType o ->
          b instanceof BorrowType p && o.resource().name().equals(p.resource().name());
      case ListType l ->
          b instanceof ListType m
              && l.fixedLength() == m.fixedLength()
              && same(l.element(), m.element());
      case OptionType o -> b instanceof OptionType p && same(o.some(), p.some());
      case ResultType r ->
          b instanceof ResultType s && same(r.ok(), s.ok()) && same(r.err(), s.err());
      case TupleType t -> b instanceof TupleType u && same(t.types(), u.types());
      case RecordType r ->
          b instanceof RecordType s
              && r.fields().size() == s.fields().size()
              && sameFields(r.fields(), s.fields());
      case VariantType v ->
          b instanceof VariantType w && v.cases().size() == w.cases().size() && sameCases(v, w);
      default -> a.equals(b);
    };
  }

  private static boolean sameFields(List<Field> a, List<Field> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).name().equals(b.get(i).name()) || !same(a.get(i).type(), b.get(i).type())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameCases(VariantType a, VariantType b) {
    for (int i = 0; i < a.cases().size(); i++) {
      if (!a.cases().get(i).name().equals(b.cases().get(i).name())
          || !same(a.cases().get(i).type(), b.cases().get(i).type())) {
        return false;
      }
    }
    return true;
  }
}
