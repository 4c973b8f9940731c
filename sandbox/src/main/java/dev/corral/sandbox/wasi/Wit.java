package dev.corral.sandbox.wasi;

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
import dev.corral.sandbox.values.BoolValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Shorthands for writing WIT types and values in Java, used by the WASI interfaces. */
final class Wit {
  static final Primitive U8 = Primitive.U8;
  static final Primitive U16 = Primitive.U16;
  static final Primitive U32 = Primitive.U32;
  static final Primitive U64 = Primitive.U64;
  static final Primitive S32 = Primitive.S32;
  static final Primitive BOOL = Primitive.BOOL;
  static final Primitive STRING = Primitive.STRING;
  static final ListType BYTES = new ListType(Primitive.U8);

  private Wit() {}

  /** A function type: {@code fn(result, "a", typeA, "b", typeB)}; result may be null. */
  static FuncType fn(ValType result, Object... params) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < params.length; i += 2) {
      fields.add(new Field((String) params[i], (ValType) params[i + 1]));
    }
    return new FuncType(fields, Optional.ofNullable(result));
  }

  /** A method type, whose first parameter is {@code self: borrow<resource>}. */
  static FuncType method(ResourceType self, ValType result, Object... params) {
    Object[] all = new Object[params.length + 2];
    all[0] = "self";
    all[1] = new BorrowType(self);
    System.arraycopy(params, 0, all, 2, params.length);
    return fn(result, all);
  }

  static ResultType result(ValType ok, ValType err) {
    return new ResultType(Optional.ofNullable(ok), Optional.ofNullable(err));
  }

  static ListType list(ValType element) {
    return new ListType(element);
  }

  static OptionType option(ValType some) {
    return new OptionType(some);
  }

  static TupleType tuple(ValType... types) {
    return new TupleType(List.of(types));
  }

  static OwnType own(ResourceType r) {
    return new OwnType(r);
  }

  static BorrowType borrow(ResourceType r) {
    return new BorrowType(r);
  }

  static EnumType enumOf(String... cases) {
    return new EnumType(List.of(cases));
  }

  static FlagsType flags(String... names) {
    return new FlagsType(List.of(names));
  }

  /** A record: {@code record("name", type, ...)}. */
  static RecordType record(Object... fields) {
    List<Field> list = new ArrayList<>();
    for (int i = 0; i < fields.length; i += 2) {
      list.add(new Field((String) fields[i], (ValType) fields[i + 1]));
    }
    return new RecordType(list);
  }

  /** A variant: {@code variant("a", typeOrNull, "b", null)}. */
  static VariantType variant(Object... cases) {
    List<Case> list = new ArrayList<>();
    for (int i = 0; i < cases.length; i += 2) {
      list.add(new Case((String) cases[i], Optional.ofNullable((ValType) cases[i + 1])));
    }
    return new VariantType(list);
  }

  // ---------------------------------------------------------------- values

  static IntValue u8(int v) {
    return new IntValue(Primitive.U8, v & 0xFF);
  }

  static IntValue u32(long v) {
    return new IntValue(Primitive.U32, v);
  }

  static IntValue u64(long v) {
    return new IntValue(Primitive.U64, v);
  }

  static IntValue s32(int v) {
    return new IntValue(Primitive.S32, v);
  }

  static StringValue str(String s) {
    return new StringValue(s);
  }

  static BoolValue bool(boolean b) {
    return new BoolValue(b);
  }

  static TupleValue tupleOf(Value... values) {
    return new TupleValue(Arrays.asList(values));
  }

  static ListValue bytes(byte[] data, int offset, int length) {
    Value[] out = new Value[length];
    for (int i = 0; i < length; i++) {
      out[i] = new IntValue(Primitive.U8, data[offset + i] & 0xFF);
    }
    return new ListValue(Arrays.asList(out));
  }

  static ListValue bytes(byte[] data) {
    return bytes(data, 0, data.length);
  }

  static byte[] toBytes(Value value) {
    List<Value> elements = ((ListValue) value).elements();
    byte[] out = new byte[elements.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((IntValue) elements.get(i)).bits();
    }
    return out;
  }

  static long toLong(Value value) {
    return ((IntValue) value).bits();
  }

  static String toStr(Value value) {
    return ((StringValue) value).value();
  }
}
