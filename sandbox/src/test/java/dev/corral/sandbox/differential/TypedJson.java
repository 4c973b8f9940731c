package dev.corral.sandbox.differential;

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
import dev.corral.sandbox.types.ResourceType;
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
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Component values as the typed JSON both sides of the differential tests speak (the format is in
 * sandbox/README.md and {@code wasmtime_reference.py}): the type says how to read a value. Floats
 * are the hex of their bits, every NaN is {@code "nan"} (the Component Model leaves NaN payloads to
 * the runtime). One instance per run: guest resource handles are numbered in the order they are
 * first seen, as the driver numbers them, and host handles carry their rep.
 */
final class TypedJson {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<HandleValue> guestHandles = new ArrayList<>();
  private final Map<ResourceType, String> hostResources;

  /** {@code hostResources}: the host's resource types, by the qualified name of their import. */
  TypedJson(Map<String, ResourceType> hostResources) {
    this.hostResources = new IdentityHashMap<>();
    hostResources.forEach((name, type) -> this.hostResources.put(type, name));
  }

  JsonNode toJson(ValType type, Value value) {
    return switch (type) {
      case Primitive p -> primitive(p, value);
      case ListType l -> {
        ArrayNode array = NODES.arrayNode();
        ((ListValue) value).elements().forEach(e -> array.add(toJson(l.element(), e)));
        yield array;
      }
      case RecordType r -> {
        ObjectNode object = NODES.objectNode();
        List<Value> fields = ((RecordValue) value).fields();
        for (int i = 0; i < fields.size(); i++) {
          object.set(r.fields().get(i).name(), toJson(r.fields().get(i).type(), fields.get(i)));
        }
        yield object;
      }
      case TupleType t -> {
        ArrayNode array = NODES.arrayNode();
        List<Value> elements = ((TupleValue) value).elements();
        for (int i = 0; i < elements.size(); i++) {
          array.add(toJson(t.types().get(i), elements.get(i)));
        }
        yield array;
      }
      case VariantType v -> {
        VariantValue variant = (VariantValue) value;
        Case c = v.cases().get(variant.caseIndex());
        yield caseNode(c.name(), c.type(), variant.payload());
      }
      case OptionType o -> {
        Optional<Value> some = ((OptionValue) value).value();
        yield some.isPresent()
            ? caseNode("some", Optional.of(o.some()), some)
            : caseNode("none", Optional.empty(), some);
      }
      case ResultType r -> {
        ResultValue result = (ResultValue) value;
        yield result.isOk()
            ? caseNode("ok", r.ok(), result.payload())
            : caseNode("err", r.err(), result.payload());
      }
      case EnumType e -> NODES.stringNode(e.cases().get(((EnumValue) value).caseIndex()));
      case FlagsType f -> {
        ArrayNode array = NODES.arrayNode();
        BitSet bits = ((FlagsValue) value).bits();
        for (int i = 0; i < f.names().size(); i++) {
          if (bits.get(i)) {
            array.add(f.names().get(i));
          }
        }
        yield array;
      }
      case OwnType o -> handle((HandleValue) value, true);
      case BorrowType b -> handle((HandleValue) value, false);
    };
  }

  private ObjectNode caseNode(String name, Optional<ValType> type, Optional<Value> payload) {
    ObjectNode node = NODES.objectNode().put("case", name);
    if (type.isPresent()) {
      node.set("value", toJson(type.get(), payload.orElseThrow()));
    }
    return node;
  }

  private ObjectNode handle(HandleValue handle, boolean own) {
    if (hostResources.containsKey(handle.resource())) {
      return NODES.objectNode().put("host", handle.rep()).put("own", own);
    }
    guestHandles.add(handle);
    return NODES.objectNode().put("handle", guestHandles.size() - 1).put("own", own);
  }

  private static JsonNode primitive(Primitive type, Value value) {
    return switch (type) {
      case BOOL -> NODES.booleanNode(((BoolValue) value).value());
      case F32 ->
          NODES.stringNode(
              Float.isNaN(((F32Value) value).value())
                  ? "nan"
                  : String.format("0x%08x", Float.floatToRawIntBits(((F32Value) value).value())));
      case F64 ->
          NODES.stringNode(
              Double.isNaN(((F64Value) value).value())
                  ? "nan"
                  : String.format(
                      "0x%016x", Double.doubleToRawLongBits(((F64Value) value).value())));
      case CHAR -> NODES.stringNode(Character.toString(((CharValue) value).codePoint()));
      case STRING -> NODES.stringNode(((StringValue) value).value());
      default -> NODES.numberNode(((IntValue) value).toBigInteger());
    };
  }

  Value fromJson(ValType type, JsonNode node) {
    return switch (type) {
      case Primitive p -> primitive(p, node);
      case ListType l -> {
        List<Value> elements = new ArrayList<>();
        node.forEach(e -> elements.add(fromJson(l.element(), e)));
        yield new ListValue(elements);
      }
      case RecordType r ->
          new RecordValue(
              r.fields().stream().map(f -> fromJson(f.type(), field(node, f))).toList());
      case TupleType t -> {
        List<Value> elements = new ArrayList<>();
        for (int i = 0; i < t.types().size(); i++) {
          elements.add(fromJson(t.types().get(i), node.get(i)));
        }
        yield new TupleValue(elements);
      }
      case VariantType v -> {
        String name = node.get("case").asString();
        for (int i = 0; i < v.cases().size(); i++) {
          Case c = v.cases().get(i);
          if (c.name().equals(name)) {
            yield new VariantValue(i, c.type().map(t -> fromJson(t, node.get("value"))));
          }
        }
        throw new IllegalArgumentException("no case " + name + " in " + TypeSpelling.of(v));
      }
      case OptionType o ->
          node.get("case").asString().equals("some")
              ? OptionValue.some(fromJson(o.some(), node.get("value")))
              : OptionValue.none();
      case ResultType r ->
          node.get("case").asString().equals("ok")
              ? new ResultValue(true, r.ok().map(t -> fromJson(t, node.get("value"))))
              : new ResultValue(false, r.err().map(t -> fromJson(t, node.get("value"))));
      case EnumType e -> {
        int index = e.cases().indexOf(node.asString());
        if (index < 0) {
          throw new IllegalArgumentException("no case " + node + " in " + TypeSpelling.of(e));
        }
        yield new EnumValue(index);
      }
      case FlagsType f -> {
        BitSet bits = new BitSet();
        node.forEach(n -> bits.set(f.names().indexOf(n.asString())));
        yield new FlagsValue(bits);
      }
      case OwnType o -> handle(node, true);
      case BorrowType b -> handle(node, false);
    };
  }

  private static JsonNode field(JsonNode node, Field field) {
    JsonNode value = node.get(field.name());
    if (value == null) {
      throw new IllegalArgumentException("no field " + field.name() + " in " + node);
    }
    return value;
  }

  private HandleValue handle(JsonNode node, boolean own) {
    if (node.has("host")) {
      String resource = node.get("resource").asString();
      ResourceType type =
          hostResources.entrySet().stream()
              .filter(e -> e.getValue().equals(resource))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no host resource " + resource));
      return new HandleValue(type, node.get("host").asInt(), own);
    }
    HandleValue seen = guestHandles.get(node.get("handle").asInt());
    return new HandleValue(seen.resource(), seen.rep(), own);
  }

  private static Value primitive(Primitive type, JsonNode node) {
    return switch (type) {
      case BOOL -> new BoolValue(node.asBoolean());
      case F32 ->
          new F32Value(
              node.asString().equals("nan")
                  ? Float.NaN
                  : Float.intBitsToFloat(
                      Integer.parseUnsignedInt(node.asString().substring(2), 16)));
      case F64 ->
          new F64Value(
              node.asString().equals("nan")
                  ? Double.NaN
                  : Double.longBitsToDouble(
                      Long.parseUnsignedLong(node.asString().substring(2), 16)));
      case CHAR -> new CharValue(node.asString().codePointAt(0));
      case STRING -> new StringValue(node.asString());
      default -> new IntValue(type, node.bigIntegerValue().longValue());
    };
  }
}
