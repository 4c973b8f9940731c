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
import dev.corral.schema.wit.WitText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads JSON into component values; see {@link JsonValues}. */
final class JsonReader {
  private static final Pattern U64_DECIMAL =
      Pattern.compile(TypeSchemas.decimalPattern(Primitive.U64));
  private static final Pattern S64_DECIMAL =
      Pattern.compile(TypeSchemas.decimalPattern(Primitive.S64));

  private JsonReader() {}

  /** Reads the JSON value at {@code path} as a value of {@code type}. */
  static Value read(JsonNode json, ValType type, String path) throws ArgumentException {
    return switch (type) {
      case Primitive p -> primitive(json, p, path);
      case ListType l -> list(json, l, path);
      case RecordType r -> record(json, r, path);
      case TupleType t -> tuple(json, t, path);
      case VariantType v -> variant(json, v, path);
      case EnumType e -> enumeration(json, e, path);
      case OptionType o -> option(json, o, path);
      case ResultType r -> result(json, r, path);
      case FlagsType f -> flags(json, f, path);
      case OwnType o ->
          throw new ArgumentException(
              path, "a resource handle, which cannot be given as JSON", JsonPaths.show(json));
      case BorrowType b ->
          throw new ArgumentException(
              path, "a resource handle, which cannot be given as JSON", JsonPaths.show(json));
    };
  }

  private static Value primitive(JsonNode json, Primitive p, String path) throws ArgumentException {
    return switch (p) {
      case BOOL -> {
        if (!json.isBoolean()) {
          throw JsonPaths.mismatch(path, "bool (true or false)", json);
        }
        yield new BoolValue(json.booleanValue());
      }
      case S8, U8, S16, U16, S32, U32, S64, U64 -> integer(json, p, path);
      case F32 -> new F32Value(f32(json, path));
      case F64 -> new F64Value(f64(json, path));
      case CHAR -> {
        String expected = "char (a string of exactly one Unicode scalar value)";
        if (!json.isString()) {
          throw JsonPaths.mismatch(path, expected, json);
        }
        String s = json.stringValue();
        if (s.isEmpty()
            || s.codePointCount(0, s.length()) != 1
            || !CharValue.isScalarValue(s.codePointAt(0))) {
          throw JsonPaths.mismatch(path, expected, json);
        }
        yield new CharValue(s.codePointAt(0));
      }
      case STRING -> {
        if (!json.isString()) {
          throw JsonPaths.mismatch(path, "string", json);
        }
        String s = json.stringValue();
        int bad = JsonPaths.unpairedSurrogate(s);
        if (bad >= 0) {
          throw new ArgumentException(
              path,
              "string (valid Unicode)",
              "a string with an unpaired surrogate at index " + bad);
        }
        yield new StringValue(s);
      }
    };
  }

  private static Value integer(JsonNode json, Primitive p, String path) throws ArgumentException {
    BigInteger min = TypeSchemas.minimum(p);
    BigInteger max = TypeSchemas.maximum(p);
    boolean wide = p.bits() == 64;
    String expected =
        p.witName()
            + " (an integer from "
            + min
            + " to "
            + max
            + (wide ? ", as a JSON number or a decimal string" : "")
            + ")";
    BigInteger value;
    if (json.isIntegralNumber()) {
      value = json.bigIntegerValue();
    } else if (json.isNumber() && isWhole(json)) {
      value = json.decimalValue().toBigIntegerExact();
    } else if (wide
        && json.isString()
        && (p == Primitive.U64 ? U64_DECIMAL : S64_DECIMAL).matcher(json.stringValue()).matches()) {
      value = new BigInteger(json.stringValue());
    } else {
      throw JsonPaths.mismatch(path, expected, json);
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    return new IntValue(p, value.longValue());
  }

  private static boolean isWhole(JsonNode json) {
    if (json.isDouble() || json.isFloat()) {
      double d = json.doubleValue();
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    BigDecimal d = json.decimalValue();
    if (d.precision() - d.scale() > 40) {
      return false; // far beyond any integer type; don't expand 1e1000000 into digits
    }
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }

  private static float f32(JsonNode json, String path) throws ArgumentException {
    String expected =
        "f32 (a number of magnitude at most "
            + Float.MAX_VALUE
            + ", or \"NaN\", \"Infinity\" or \"-Infinity\")";
    if (json.isString()) {
      return switch (json.stringValue()) {
        case "NaN" -> Float.NaN;
        case "Infinity" -> Float.POSITIVE_INFINITY;
        case "-Infinity" -> Float.NEGATIVE_INFINITY;
        default -> throw JsonPaths.mismatch(path, expected, json);
      };
    }
    if (!json.isNumber()) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    float f;
    if (json.isFloat()) {
      f = json.floatValue();
    } else if (json.isDouble()) {
      f = (float) json.doubleValue();
    } else {
      f = json.decimalValue().floatValue();
    }
    if (Float.isInfinite(f)) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    return f;
  }

  private static double f64(JsonNode json, String path) throws ArgumentException {
    String expected = "f64 (a number, or \"NaN\", \"Infinity\" or \"-Infinity\")";
    if (json.isString()) {
      return switch (json.stringValue()) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> throw JsonPaths.mismatch(path, expected, json);
      };
    }
    if (!json.isNumber()) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    double d =
        json.isDouble() || json.isFloat() ? json.doubleValue() : json.decimalValue().doubleValue();
    if (Double.isInfinite(d)) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    return d;
  }

  private static Value list(JsonNode json, ListType l, String path) throws ArgumentException {
    String expected = describeList(l);
    if (l.element() == Primitive.U8 && json.isString()) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(json.stringValue());
      } catch (IllegalArgumentException e) {
        throw JsonPaths.mismatch(path, expected, json);
      }
      if (l.isFixed() && bytes.length != l.fixedLength()) {
        throw new ArgumentException(path, expected, "base64 of " + bytes.length + " bytes");
      }
      List<Value> elements = new ArrayList<>(bytes.length);
      for (byte b : bytes) {
        elements.add(new IntValue(Primitive.U8, b & 0xFF));
      }
      return new ListValue(elements);
    }
    if (!json.isArray()) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    if (l.isFixed() && json.size() != l.fixedLength()) {
      throw new ArgumentException(path, expected, "an array of " + json.size() + " elements");
    }
    List<Value> elements = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      elements.add(read(json.get(i), l.element(), path + "[" + i + "]"));
    }
    return new ListValue(elements);
  }

  private static String describeList(ListType l) {
    String size = l.isFixed() ? " of exactly " + l.fixedLength() + " elements" : "";
    String base = WitText.type(l) + " (an array" + size;
    return l.element() == Primitive.U8 ? base + ", or a base64 string)" : base + ")";
  }

  private static Value record(JsonNode json, RecordType r, String path) throws ArgumentException {
    String expected =
        "an object with the fields "
            + JsonPaths.names(r.fields().stream().map(Field::name).toList());
    if (!json.isObject()) {
      throw JsonPaths.mismatch(path, "record (" + expected + ")", json);
    }
    rejectUnknown(json, r.fields().stream().map(Field::name).toList(), path);
    List<Value> fields = new ArrayList<>(r.fields().size());
    for (Field field : r.fields()) {
      String fieldPath = JsonPaths.child(path, field.name());
      JsonNode member = json.get(field.name());
      if (member == null) {
        throw new ArgumentException(
            fieldPath, WitText.type(field.type()), "nothing (the field is missing)");
      }
      fields.add(read(member, field.type(), fieldPath));
    }
    return new RecordValue(fields);
  }

  private static Value tuple(JsonNode json, TupleType t, String path) throws ArgumentException {
    String expected = WitText.type(t) + " (an array of " + t.types().size() + " elements)";
    if (!json.isArray()) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    if (json.size() != t.types().size()) {
      throw new ArgumentException(path, expected, "an array of " + json.size() + " elements");
    }
    List<Value> elements = new ArrayList<>(t.types().size());
    for (int i = 0; i < t.types().size(); i++) {
      elements.add(read(json.get(i), t.types().get(i), path + "[" + i + "]"));
    }
    return new TupleValue(elements);
  }

  private static Value variant(JsonNode json, VariantType v, String path) throws ArgumentException {
    List<String> tags = v.cases().stream().map(Case::name).toList();
    int index = tagIndex(json, tags, "variant", path);
    Case c = v.cases().get(index);
    return new VariantValue(index, payload(json, c.type(), path));
  }

  private static Value result(JsonNode json, ResultType r, String path) throws ArgumentException {
    int index = tagIndex(json, List.of("ok", "err"), "result", path);
    Optional<ValType> type = index == 0 ? r.ok() : r.err();
    return new ResultValue(index == 0, payload(json, type, path));
  }

  private static int tagIndex(JsonNode json, List<String> tags, String kind, String path)
      throws ArgumentException {
    String expected =
        kind
            + " (an object {\"tag\": "
            + JsonPaths.names(tags)
            + ", \"val\": payload if the case has one})";
    if (!json.isObject()) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    JsonNode tag = json.get("tag");
    String tagPath = JsonPaths.child(path, "tag");
    if (tag == null) {
      throw new ArgumentException(
          tagPath, "one of " + JsonPaths.names(tags), "nothing (the field is missing)");
    }
    int index = tag.isString() ? tags.indexOf(tag.stringValue()) : -1;
    if (index < 0) {
      throw JsonPaths.mismatch(tagPath, "one of " + JsonPaths.names(tags), tag);
    }
    return index;
  }

  private static Optional<Value> payload(JsonNode json, Optional<ValType> type, String path)
      throws ArgumentException {
    String tag = json.get("tag").stringValue();
    if (type.isEmpty()) {
      rejectUnknown(json, List.of("tag"), path);
      return Optional.empty();
    }
    rejectUnknown(json, List.of("tag", "val"), path);
    JsonNode val = json.get("val");
    String valPath = JsonPaths.child(path, "val");
    if (val == null) {
      throw new ArgumentException(
          valPath,
          WitText.type(type.get()) + " (the payload of " + tag + ")",
          "nothing (the field is missing)");
    }
    return Optional.of(read(val, type.get(), valPath));
  }

  private static Value enumeration(JsonNode json, EnumType e, String path)
      throws ArgumentException {
    int index = json.isString() ? e.cases().indexOf(json.stringValue()) : -1;
    if (index < 0) {
      throw JsonPaths.mismatch(path, "one of " + JsonPaths.names(e.cases()), json);
    }
    return new EnumValue(index);
  }

  private static Value option(JsonNode json, OptionType o, String path) throws ArgumentException {
    if (json.isNull()) {
      return OptionValue.none();
    }
    if (!TypeSchemas.isNullable(o.some())) {
      return OptionValue.some(read(json, o.some(), path));
    }
    String expected = WitText.type(o) + " (null, or {\"some\": value})";
    if (!json.isObject() || json.get("some") == null) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    rejectUnknown(json, List.of("some"), path);
    return OptionValue.some(read(json.get("some"), o.some(), JsonPaths.child(path, "some")));
  }

  private static Value flags(JsonNode json, FlagsType f, String path) throws ArgumentException {
    String expected = "an array of distinct flag names from " + JsonPaths.names(f.names());
    if (!json.isArray()) {
      throw JsonPaths.mismatch(path, expected, json);
    }
    BitSet bits = new BitSet(f.names().size());
    for (int i = 0; i < json.size(); i++) {
      JsonNode name = json.get(i);
      int index = name.isString() ? f.names().indexOf(name.stringValue()) : -1;
      String elementPath = path + "[" + i + "]";
      if (index < 0) {
        throw JsonPaths.mismatch(elementPath, "one of " + JsonPaths.names(f.names()), name);
      }
      if (bits.get(index)) {
        throw new ArgumentException(
            elementPath, expected, "the flag " + JsonPaths.show(name) + " a second time");
      }
      bits.set(index);
    }
    return new FlagsValue(bits);
  }

  static void rejectUnknown(JsonNode object, List<String> known, String path)
      throws ArgumentException {
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      if (!known.contains(member.getKey())) {
        throw new ArgumentException(
            JsonPaths.child(path, member.getKey()),
            "no such field (expected only " + JsonPaths.names(known) + ")",
            JsonPaths.show(member.getValue()));
      }
    }
  }
}
