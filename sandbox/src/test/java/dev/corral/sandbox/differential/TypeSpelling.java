package dev.corral.sandbox.differential;

import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import java.util.stream.Collectors;

/**
 * Spells a function type exactly as the wasmtime driver ({@code
 * src/test/python/wasmtime_reference.py}, {@code func_text}) does, so that the two runtimes' views
 * of a component's exports compare as strings. Resource handles are spelled {@code own} / {@code
 * borrow}: wasmtime's types carry no resource names.
 */
final class TypeSpelling {
  private TypeSpelling() {}

  static String of(FuncType type) {
    String params =
        type.params().stream()
            .map(p -> p.name() + ": " + of(p.type()))
            .collect(Collectors.joining(", ", "func(", ")"));
    return params + type.result().map(r -> " -> " + of(r)).orElse("");
  }

  static String of(ValType type) {
    return switch (type) {
      case Primitive p -> p.witName();
      case ListType l -> "list<" + of(l.element()) + ">";
      case RecordType r ->
          r.fields().stream()
              .map(f -> f.name() + ": " + of(f.type()))
              .collect(Collectors.joining(", ", "record{", "}"));
      case TupleType t ->
          t.types().stream().map(TypeSpelling::of).collect(Collectors.joining(", ", "tuple<", ">"));
      case VariantType v ->
          v.cases().stream()
              .map(c -> c.name() + c.type().map(p -> "(" + of(p) + ")").orElse(""))
              .collect(Collectors.joining(", ", "variant{", "}"));
      case EnumType e -> "enum{" + String.join(", ", e.cases()) + "}";
      case FlagsType f -> "flags{" + String.join(", ", f.names()) + "}";
      case OptionType o -> "option<" + of(o.some()) + ">";
      case ResultType r ->
          r.ok().isEmpty() && r.err().isEmpty()
              ? "result"
              : "result<"
                  + r.ok().map(TypeSpelling::of).orElse("_")
                  + r.err().map(e -> ", " + of(e)).orElse("")
                  + ">";
      case OwnType o -> "own";
      case BorrowType b -> "borrow";
    };
  }
}
