package dev.corral.schema.wit;

import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * WIT text for type references and signatures, used in descriptions, messages and {@link
 * WitPrinter}. A type with a name in the given {@link TypeNames} is written by name; one without is
 * written out in place ({@code record { x: s32, y: s32 }}, which is not valid WIT but says what the
 * type is).
 */
public final class WitText {
  private static final Set<String> KEYWORDS =
      Set.of(
          "as",
          "async",
          "bool",
          "borrow",
          "char",
          "constructor",
          "enum",
          "error-context",
          "export",
          "f32",
          "f64",
          "flags",
          "from",
          "func",
          "future",
          "import",
          "include",
          "interface",
          "list",
          "option",
          "own",
          "package",
          "record",
          "resource",
          "result",
          "s16",
          "s32",
          "s64",
          "s8",
          "static",
          "stream",
          "string",
          "tuple",
          "type",
          "u16",
          "u32",
          "u64",
          "u8",
          "use",
          "variant",
          "with",
          "world",
          "_");

  private final TypeNames names;

  private WitText(TypeNames names) {
    this.names = names;
  }

  /** Text that writes named types by the names in {@code names}. */
  public static WitText with(TypeNames names) {
    return new WitText(names);
  }

  /** {@code name: func(a: u32, b: string) -> result<u32, string>}, types unnamed. */
  public static String signature(String name, FuncType type) {
    return new WitText(TypeNames.NONE).signatureOf(name, type);
  }

  /** {@code func(a: u32, b: string) -> result<u32, string>}, types unnamed. */
  public static String func(FuncType type) {
    return new WitText(TypeNames.NONE).funcOf(type);
  }

  /** The WIT spelling of {@code type}, written out structurally. */
  public static String type(ValType type) {
    return new WitText(TypeNames.NONE).typeOf(type);
  }

  /** An identifier, with a {@code %} prefix if it is a WIT keyword. */
  public static String id(String name) {
    return KEYWORDS.contains(name) ? "%" + name : name;
  }

  /** {@code name: func(...) -> T}. */
  public String signatureOf(String name, FuncType type) {
    return id(name) + ": " + funcOf(type);
  }

  /** {@code func(a: u32, b: string) -> result<u32, string>}. */
  public String funcOf(FuncType type) {
    return "func("
        + params(type.params())
        + ")"
        + type.result().map(r -> " -> " + typeOf(r)).orElse("");
  }

  /** {@code a: u32, b: string}. */
  public String params(List<Field> params) {
    return params.stream().map(this::field).collect(Collectors.joining(", "));
  }

  /** The WIT spelling of a resource type (its name). */
  public String resource(ResourceType type) {
    return id(names.nameOf(type).orElse(type.name()));
  }

  /** The WIT spelling of a reference to {@code type}: its name, or its structure. */
  public String typeOf(ValType type) {
    Optional<String> name = names.nameOf(type);
    if (name.isPresent()) {
      return id(name.get());
    }
    return structure(type);
  }

  /** The structure of {@code type}, its parts written by name where they have one. */
  public String structure(ValType type) {
    return switch (type) {
      case Primitive p -> p.witName();
      case ListType l ->
          l.isFixed()
              ? "list<" + typeOf(l.element()) + ", " + l.fixedLength() + ">"
              : "list<" + typeOf(l.element()) + ">";
      case RecordType r -> "record { " + params(r.fields()) + " }";
      case TupleType t ->
          "tuple<" + t.types().stream().map(this::typeOf).collect(Collectors.joining(", ")) + ">";
      case VariantType v ->
          "variant { "
              + v.cases().stream().map(this::variantCase).collect(Collectors.joining(", "))
              + " }";
      case EnumType e ->
          "enum { " + e.cases().stream().map(WitText::id).collect(Collectors.joining(", ")) + " }";
      case OptionType o -> "option<" + typeOf(o.some()) + ">";
      case ResultType r -> result(r);
      case FlagsType f ->
          "flags { " + f.names().stream().map(WitText::id).collect(Collectors.joining(", ")) + " }";
      case OwnType o -> resource(o.resource());
      case BorrowType b -> "borrow<" + resource(b.resource()) + ">";
    };
  }

  private String field(Field field) {
    return id(field.name()) + ": " + typeOf(field.type());
  }

  /** {@code name(T)} or {@code name}. */
  public String variantCase(Case c) {
    return id(c.name()) + c.type().map(t -> "(" + typeOf(t) + ")").orElse("");
  }

  private String result(ResultType r) {
    if (r.ok().isEmpty() && r.err().isEmpty()) {
      return "result";
    }
    if (r.err().isEmpty()) {
      return "result<" + typeOf(r.ok().get()) + ">";
    }
    return "result<" + r.ok().map(this::typeOf).orElse("_") + ", " + typeOf(r.err().get()) + ">";
  }
}
