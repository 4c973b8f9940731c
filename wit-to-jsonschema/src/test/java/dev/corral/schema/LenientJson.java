package dev.corral.schema;

import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The other JSON forms the input side accepts for a value, made from its canonical (output) form:
 * {@code list<u8>} as an array of numbers instead of base64, a small u64/s64 as a decimal string
 * and a large one as a JSON number, a finite float as its exact decimal expansion (a whole one as
 * an integer), flags in reverse order, object members in reverse order. Each must be read as the
 * same value as the canonical form.
 */
final class LenientJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LenientJson() {}

  /** The lenient form of {@code canonical}, a value of {@code type}. */
  static JsonNode of(JsonNode canonical, ValType type) {
    return switch (type) {
      case Primitive p -> primitive(canonical, p);
      case ListType l -> {
        if (l.element() == Primitive.U8 && canonical.isString()) {
          ArrayNode bytes = NODES.arrayNode();
          for (byte b : Base64.getDecoder().decode(canonical.stringValue())) {
            bytes.add(b & 0xFF);
          }
          yield bytes;
        }
        ArrayNode out = NODES.arrayNode();
        canonical.forEach(element -> out.add(of(element, l.element())));
        yield out;
      }
      case RecordType r -> {
        ObjectNode out = NODES.objectNode();
        List<Field> fields = new ArrayList<>(r.fields());
        java.util.Collections.reverse(fields);
        fields.forEach(f -> out.set(f.name(), of(canonical.get(f.name()), f.type())));
        yield out;
      }
      case TupleType t -> {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < t.types().size(); i++) {
          out.add(of(canonical.get(i), t.types().get(i)));
        }
        yield out;
      }
      case VariantType v ->
          tagged(
              canonical,
              v.cases().stream()
                  .filter(c -> c.name().equals(canonical.get("tag").stringValue()))
                  .findFirst()
                  .flatMap(Case::type));
      case ResultType r ->
          tagged(canonical, canonical.get("tag").stringValue().equals("ok") ? r.ok() : r.err());
      case EnumType e -> canonical;
      case OptionType o -> {
        if (canonical.isNull()) {
          yield canonical;
        }
        if (TypeSchemas.isNullable(o.some())) {
          ObjectNode out = NODES.objectNode();
          out.set("some", of(canonical.get("some"), o.some()));
          yield out;
        }
        yield of(canonical, o.some());
      }
      case FlagsType f -> {
        List<JsonNode> names = new ArrayList<>();
        canonical.forEach(names::add);
        java.util.Collections.reverse(names);
        ArrayNode out = NODES.arrayNode();
        names.forEach(out::add);
        yield out;
      }
      case OwnType o -> throw new IllegalArgumentException("resource handles have no JSON form");
      case BorrowType b -> throw new IllegalArgumentException("resource handles have no JSON form");
    };
  }

  private static JsonNode tagged(JsonNode canonical, Optional<ValType> payload) {
    ObjectNode out = NODES.objectNode();
    if (payload.isPresent()) {
      out.set("val", of(canonical.get("val"), payload.get()));
    }
    out.set("tag", canonical.get("tag"));
    return out;
  }

  private static JsonNode primitive(JsonNode canonical, Primitive p) {
    return switch (p) {
      case U64, S64 ->
          canonical.isString()
              ? NODES.numberNode(new BigInteger(canonical.stringValue()))
              : NODES.stringNode(canonical.bigIntegerValue().toString());
      case F32, F64 -> {
        if (canonical.isString()) {
          yield canonical; // "NaN", "Infinity", "-Infinity": the one form
        }
        double d = canonical.doubleValue();
        if (d == 0 && 1 / d < 0) {
          yield canonical; // -0.0: its decimal expansion would lose the sign
        }
        BigDecimal exact = new BigDecimal(d);
        yield exact.scale() <= 0
            ? NODES.numberNode(exact.toBigIntegerExact())
            : NODES.numberNode(exact);
      }
      default -> canonical;
    };
  }

  /** Whether some value of {@code type} has a lenient form different from its canonical one. */
  static boolean exists(ValType type) {
    return switch (type) {
      case Primitive p ->
          p == Primitive.U64 || p == Primitive.S64 || p == Primitive.F32 || p == Primitive.F64;
      case ListType l -> l.element() == Primitive.U8 || exists(l.element());
      case RecordType r ->
          r.fields().size() > 1 || r.fields().stream().anyMatch(f -> exists(f.type()));
      case TupleType t -> t.types().stream().anyMatch(LenientJson::exists);
      case VariantType v -> v.cases().stream().anyMatch(c -> c.type().isPresent());
      case ResultType r -> r.ok().isPresent() || r.err().isPresent();
      case OptionType o -> exists(o.some());
      case FlagsType f -> f.names().size() > 1;
      case EnumType e -> false;
      case OwnType o -> false;
      case BorrowType b -> false;
    };
  }
}
