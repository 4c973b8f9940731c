package dev.corral.schema;

import dev.corral.sandbox.binary.PackageDocs;
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
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.schema.wit.TypeNames;
import dev.corral.schema.wit.WitText;
import java.math.BigInteger;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas (draft 2020-12) for WIT types, in the JSON form {@link
 * dev.corral.schema.codec.JsonArguments} accepts and {@link dev.corral.schema.codec.JsonResults}
 * produces. Input and output schemas differ only where input is more lenient: {@code list<u8>} is
 * accepted as an array of bytes or as base64, and returned as base64.
 */
public final class TypeSchemas {
  /** Values of 64-bit integers with a magnitude above this are returned as decimal strings. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /** The factory of the JSON nodes this module builds. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Whether JSON {@code null} is one of the forms of {@code type}: true for {@code option}. An
   * {@code option<T>} whose T is nullable writes {@code some(x)} as {@code {"some": x}}.
   */
  public static boolean isNullable(ValType type) {
    return type instanceof OptionType;
  }

  private final boolean input;
  private final TypeNames names;

  private TypeSchemas(boolean input, TypeNames names) {
    this.input = input;
    this.names = names;
  }

  /** The schema of a tool's arguments: an object with one property per parameter. */
  public static ObjectNode inputSchema(FuncType type) {
    return inputSchema(type, TypeNames.NONE);
  }

  /**
   * The schema of a tool's arguments; named types get their name as {@code title} and their docs
   * (and their fields' and cases' docs) as {@code description}.
   */
  public static ObjectNode inputSchema(FuncType type, TypeNames names) {
    TypeSchemas schemas = new TypeSchemas(true, names);
    ObjectNode schema = object();
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = NODES.arrayNode();
    for (Field param : type.params()) {
      properties.set(param.name(), schemas.schema(param.type()));
      if (!(param.type() instanceof OptionType)) {
        required.add(param.name());
      }
    }
    schema.set("required", required);
    schema.put("additionalProperties", false);
    return schema;
  }

  /** The schema of a tool's structured result: {@code {"result": R}}, or an empty object. */
  public static ObjectNode outputSchema(FuncType type) {
    return outputSchema(type, TypeNames.NONE);
  }

  /** The schema of a tool's structured result, with names and docs as for input. */
  public static ObjectNode outputSchema(FuncType type, TypeNames names) {
    TypeSchemas schemas = new TypeSchemas(false, names);
    ObjectNode schema = object();
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    type.result()
        .ifPresent(
            result -> {
              properties.set("result", schemas.schema(result));
              required.add("result");
            });
    schema.put("additionalProperties", false);
    return schema;
  }

  /** The schema of a value of {@code type} given as input. */
  public static ObjectNode input(ValType type) {
    return new TypeSchemas(true, TypeNames.NONE).schema(type);
  }

  /** The schema of a value of {@code type} returned as output. */
  public static ObjectNode output(ValType type) {
    return new TypeSchemas(false, TypeNames.NONE).schema(type);
  }

  private ObjectNode schema(ValType type) {
    ObjectNode schema = structure(type);
    Optional<String> name = names.nameOf(type);
    if (name.isEmpty()) {
      return schema;
    }
    ObjectNode named = NODES.objectNode();
    named.put("title", name.get());
    named.setAll(schema);
    names.docsOf(type).ifPresent(docs -> document(named, type, docs));
    return named;
  }

  private static void document(ObjectNode schema, ValType type, PackageDocs.Type docs) {
    StringBuilder description = new StringBuilder(docs.docs().map(String::strip).orElse(""));
    switch (type) {
      case RecordType r ->
          docs.items()
              .forEach(
                  (field, text) -> {
                    if (schema.at("/properties/" + field).isObject()) {
                      prependDescription(
                          (ObjectNode) schema.get("properties").get(field), text.strip());
                    }
                  });
      case VariantType v ->
          schema
              .get("oneOf")
              .forEach(
                  c -> {
                    String doc = docs.items().get(c.at("/properties/tag/const").stringValue());
                    if (doc != null) {
                      prependDescription((ObjectNode) c, doc.strip());
                    }
                  });
      case EnumType e -> appendItems(description, e.cases(), docs);
      case FlagsType f -> appendItems(description, f.names(), docs);
      default -> {}
    }
    if (!description.isEmpty()) {
      prependDescription(schema, description.toString());
    }
  }

  private static void prependDescription(ObjectNode schema, String text) {
    JsonNode existing = schema.get("description");
    schema.put("description", existing == null ? text : text + "\n" + existing.stringValue());
  }

  private static void appendItems(
      StringBuilder description, java.util.List<String> items, PackageDocs.Type docs) {
    for (String item : items) {
      String doc = docs.items().get(item);
      if (doc != null) {
        description
            .append(description.isEmpty() ? "" : "\n")
            .append(item)
            .append(": ")
            .append(doc.strip());
      }
    }
  }

  private ObjectNode structure(ValType type) {
    return switch (type) {
      case Primitive p -> primitive(p);
      case ListType l -> list(l);
      case RecordType r -> record(r);
      case TupleType t -> tuple(t);
      case VariantType v -> variant(v);
      case EnumType e -> enumeration(e);
      case OptionType o -> option(o);
      case ResultType r -> result(r);
      case FlagsType f -> flags(f);
      case OwnType o -> throw resource(type);
      case BorrowType b -> throw resource(type);
    };
  }

  private static IllegalArgumentException resource(ValType type) {
    return new IllegalArgumentException(
        "resource handles have no JSON form: " + WitText.type(type));
  }

  private static ObjectNode primitive(Primitive p) {
    return switch (p) {
      case BOOL -> typed("boolean");
      case S8, U8, S16, U16, S32, U32 -> integer(p);
      case S64, U64 -> {
        ObjectNode schema = NODES.objectNode();
        ArrayNode anyOf = schema.putArray("anyOf");
        anyOf.add(integer(p));
        ObjectNode decimal = typed("string");
        decimal.put("pattern", decimalPattern(p));
        anyOf.add(decimal);
        schema.put(
            "description",
            p.witName()
                + ": an integer, also accepted as a decimal string; returned as a decimal string "
                + "when its magnitude exceeds 2^53-1, where JSON numbers lose precision");
        yield schema;
      }
      case F32, F64 -> floating(p);
      case CHAR -> {
        ObjectNode schema = typed("string");
        schema.put("minLength", 1);
        schema.put("maxLength", 1);
        schema.put("description", "char: a single Unicode scalar value");
        yield schema;
      }
      case STRING -> typed("string");
    };
  }

  /**
   * The decimal strings a 64-bit integer is also accepted as: at most as many digits as its widest
   * value has (20 for u64, a sign and 19 for s64); the range is then checked as for numbers. The
   * codec's {@code JsonReader} applies exactly this pattern.
   */
  public static String decimalPattern(Primitive p) {
    return switch (p) {
      case U64 -> "^[0-9]{1,20}$";
      case S64 -> "^-?[0-9]{1,19}$";
      default ->
          throw new IllegalArgumentException(p.witName() + " is not accepted as a decimal string");
    };
  }

  private static ObjectNode integer(Primitive p) {
    ObjectNode schema = typed("integer");
    schema.put("minimum", minimum(p));
    schema.put("maximum", maximum(p));
    return schema;
  }

  /** The smallest value of an integer type. */
  public static BigInteger minimum(Primitive p) {
    return p.isSigned() ? BigInteger.ONE.shiftLeft(p.bits() - 1).negate() : BigInteger.ZERO;
  }

  /** The largest value of an integer type. */
  public static BigInteger maximum(Primitive p) {
    return p.isSigned()
        ? BigInteger.ONE.shiftLeft(p.bits() - 1).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(p.bits()).subtract(BigInteger.ONE);
  }

  private static ObjectNode floating(Primitive p) {
    ObjectNode schema = NODES.objectNode();
    ArrayNode anyOf = schema.putArray("anyOf");
    ObjectNode number = typed("number");
    if (p == Primitive.F32) {
      number.put("minimum", -Float.MAX_VALUE);
      number.put("maximum", Float.MAX_VALUE);
    }
    anyOf.add(number);
    ObjectNode special = NODES.objectNode();
    special.putArray("enum").add("NaN").add("Infinity").add("-Infinity");
    anyOf.add(special);
    schema.put(
        "description", p.witName() + ": a number, or \"NaN\", \"Infinity\" or \"-Infinity\"");
    return schema;
  }

  private ObjectNode list(ListType l) {
    ObjectNode array = typed("array");
    array.set("items", schema(l.element()));
    if (l.isFixed()) {
      array.put("minItems", l.fixedLength());
      array.put("maxItems", l.fixedLength());
    }
    if (l.element() != Primitive.U8) {
      return array;
    }
    ObjectNode base64 = typed("string");
    base64.put("contentEncoding", "base64");
    if (!input) {
      base64.put("description", "bytes, base64-encoded");
      return base64;
    }
    ObjectNode schema = NODES.objectNode();
    schema.putArray("anyOf").add(array).add(base64);
    schema.put("description", "bytes: an array of integers 0-255, or a base64 string");
    return schema;
  }

  private ObjectNode record(RecordType r) {
    ObjectNode schema = object();
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    for (Field field : r.fields()) {
      properties.set(field.name(), schema(field.type()));
      required.add(field.name());
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private ObjectNode tuple(TupleType t) {
    ObjectNode schema = typed("array");
    ArrayNode prefix = schema.putArray("prefixItems");
    t.types().forEach(element -> prefix.add(schema(element)));
    schema.put("items", false);
    schema.put("minItems", t.types().size());
    schema.put("maxItems", t.types().size());
    return schema;
  }

  private ObjectNode variant(VariantType v) {
    ObjectNode schema = NODES.objectNode();
    ArrayNode oneOf = schema.putArray("oneOf");
    for (Case c : v.cases()) {
      oneOf.add(tagged(c.name(), c.type()));
    }
    return schema;
  }

  private ObjectNode result(ResultType r) {
    ObjectNode schema = NODES.objectNode();
    schema.putArray("oneOf").add(tagged("ok", r.ok())).add(tagged("err", r.err()));
    return schema;
  }

  private ObjectNode tagged(String tag, Optional<ValType> payload) {
    ObjectNode schema = object();
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("tag").put("const", tag);
    ArrayNode required = schema.putArray("required").add("tag");
    payload.ifPresent(
        type -> {
          properties.set("val", schema(type));
          required.add("val");
        });
    schema.put("additionalProperties", false);
    return schema;
  }

  private static ObjectNode enumeration(EnumType e) {
    ObjectNode schema = typed("string");
    ArrayNode values = schema.putArray("enum");
    e.cases().forEach(values::add);
    return schema;
  }

  private ObjectNode option(OptionType o) {
    ObjectNode schema = NODES.objectNode();
    ArrayNode anyOf = schema.putArray("anyOf");
    anyOf.add(typed("null"));
    if (isNullable(o.some())) {
      ObjectNode some = object();
      some.putObject("properties").set("some", schema(o.some()));
      some.putArray("required").add("some");
      some.put("additionalProperties", false);
      anyOf.add(some);
    } else {
      anyOf.add(schema(o.some()));
    }
    return schema;
  }

  private static ObjectNode flags(FlagsType f) {
    ObjectNode schema = typed("array");
    ObjectNode items = schema.putObject("items");
    items.put("type", "string");
    ArrayNode names = items.putArray("enum");
    f.names().forEach(names::add);
    schema.put("uniqueItems", true);
    schema.put("description", "flags: the names of the flags that are set");
    return schema;
  }

  private static ObjectNode object() {
    return typed("object");
  }

  private static ObjectNode typed(String type) {
    ObjectNode schema = NODES.objectNode();
    schema.put("type", type);
    return schema;
  }
}
