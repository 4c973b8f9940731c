package dev.corral.sandbox.types;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A WIT-like spelling of a type for error messages, written structurally (types are not named
 * here): {@code func(x: u32, s: string) -> list<u8>}, {@code record { a: u32 }}, {@code
 * own<resource r>}.
 */
public final class TypeText {
  private TypeText() {}

  /** {@code func(x: u32) -> u32}. */
  public static String of(FuncType type) {
    String params =
        type.params().stream()
            .map(f -> f.name() + ": " + of(f.type()))
            .collect(Collectors.joining(", ", "func(", ")"));
    return params + type.result().map(r -> " -> " + of(r)).orElse("");
  }

  /** {@code list<string>}, {@code option<u8>}. */
  public static String of(ValType type) {
    return switch (type) {
      case Primitive p -> p.name().toLowerCase(Locale.ROOT);
      case ListType l ->
          "list<" + of(l.element()) + (l.isFixed() ? ", " + l.fixedLength() : "") + ">";
      case RecordType r ->
          r.fields().stream()
              .map(f -> f.name() + ": " + of(f.type()))
              .collect(Collectors.joining(", ", "record { ", " }"));
      case TupleType t ->
          t.types().stream().map(TypeText::of).collect(Collectors.joining(", ", "tuple<", ">"));
      case VariantType v ->
          v.cases().stream()
              .map(c -> c.name() + c.type().map(p -> "(" + of(p) + ")").orElse(""))
              .collect(Collectors.joining(", ", "variant { ", " }"));
      case EnumType e -> String.join(", ", e.cases()).transform(s -> "enum { " + s + " }");
      case FlagsType f -> String.join(", ", f.names()).transform(s -> "flags { " + s + " }");
      case OptionType o -> "option<" + of(o.some()) + ">";
      case ResultType r ->
          r.ok().isEmpty() && r.err().isEmpty()
              ? "result"
              : "result<"
                  + r.ok().map(TypeText::of).orElse("_")
                  + r.err().map(e -> ", " + of(e)).orElse("")
                  + ">";
      case OwnType o -> "own<" + o.resource() + ">";
      case BorrowType b -> "borrow<" + b.resource() + ">";
    };
  }
}
