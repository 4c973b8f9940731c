package dev.corral.schema.codec;

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
import dev.corral.sandbox.values.BoolValue;
import dev.corral.sandbox.values.CharValue;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.F32Value;
import dev.corral.sandbox.values.F64Value;
import dev.corral.sandbox.values.FlagsValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import dev.corral.schema.TypeSchemas;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes component values as JSON; see {@link JsonValues}. */
final class JsonWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigInteger MAX_SAFE = BigInteger.valueOf(TypeSchemas.MAX_SAFE_INTEGER);

  private JsonWriter() {}

  /** Writes {@code value}, of type {@code type}, as JSON. */
  static JsonNode write(Value value, ValType type) {
    return switch (type) {
      case Primitive p -> primitiveJson(value, p);
      case ListType l -> listJson((ListValue) value, l);
      case RecordType r -> {
        RecordValue record = (RecordValue) value;
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < r.fields().size(); i++) {
          Field field = r.fields().get(i);
          object.set(field.name(), write(record.fields().get(i), field.type()));
        }
        yield object;
      }
      case TupleType t -> {
        TupleValue tuple = (TupleValue) value;
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < t.types().size(); i++) {
          array.add(write(tuple.elements().get(i), t.types().get(i)));
        }
        yield array;
      }
      case VariantType v -> {
        VariantValue variant = (VariantValue) value;
        Case c = v.cases().get(variant.caseIndex());
        yield tagged(c.name(), variant.payload(), c.type());
      }
      case EnumType e -> NODES.stringNode(e.cases().get(((EnumValue) value).caseIndex()));
      case OptionType o -> {
        OptionValue option = (OptionValue) value;
        if (option.value().isEmpty()) {
          yield NODES.nullNode();
        }
        JsonNode some = write(option.value().get(), o.some());
        if (TypeSchemas.isNullable(o.some())) {
          ObjectNode wrapper = NODES.objectNode();
          wrapper.set("some", some);
          yield wrapper;
        }
        yield some;
      }
      case ResultType r -> {
        ResultValue result = (ResultValue) value;
        yield result.isOk()
            ? tagged("ok", result.payload(), r.ok())
            : tagged("err", result.payload(), r.err());
      }
      case FlagsType f -> {
        FlagsValue flags = (FlagsValue) value;
        ArrayNode names = NODES.arrayNode();
        for (int i = 0; i < f.names().size(); i++) {
          if (flags.isSet(i)) {
            names.add(f.names().get(i));
          }
        }
        yield names;
      }
      case OwnType o -> throw new IllegalArgumentException("resource handles have no JSON form");
      case BorrowType b -> throw new IllegalArgumentException("resource handles have no JSON form");
    };
  }

  private static JsonNode primitiveJson(Value value, Primitive p) {
    return switch (p) {
      case BOOL -> NODES.booleanNode(((BoolValue) value).value());
      case S8, U8, S16, U16, S32, U32 -> {
        long bits = ((IntValue) value).bits();
        yield bits == (int) bits ? NODES.numberNode((int) bits) : NODES.numberNode(bits);
      }
      case S64, U64 -> {
        BigInteger exact = ((IntValue) value).toBigInteger();
        yield exact.abs().compareTo(MAX_SAFE) <= 0
            ? NODES.numberNode(exact.longValueExact())
            : NODES.stringNode(exact.toString());
      }
      case F32 -> {
        float f = ((F32Value) value).value();
        yield Float.isFinite(f) ? NODES.numberNode(f) : NODES.stringNode(special(f));
      }
      case F64 -> {
        double d = ((F64Value) value).value();
        yield Double.isFinite(d) ? NODES.numberNode(d) : NODES.stringNode(special(d));
      }
      case CHAR -> NODES.stringNode(Character.toString(((CharValue) value).codePoint()));
      case STRING -> NODES.stringNode(((StringValue) value).value());
    };
  }

  private static String special(double d) {
    return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
  }

  private static JsonNode listJson(ListValue list, ListType l) {
    if (l.element() == Primitive.U8) {
      byte[] bytes = new byte[list.elements().size()];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ((IntValue) list.elements().get(i)).bits();
      }
      return NODES.stringNode(Base64.getEncoder().encodeToString(bytes));
    }
    ArrayNode array = NODES.arrayNode();
    for (Value element : list.elements()) {
      array.add(write(element, l.element()));
    }
    return array;
  }

  private static ObjectNode tagged(String tag, Optional<Value> payload, Optional<ValType> type) {
    ObjectNode object = NODES.objectNode();
    object.put("tag", tag);
    if (type.isPresent()) {
      object.set("val", write(payload.orElseThrow(), type.get()));
    }
    return object;
  }
}
