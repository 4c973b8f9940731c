package dev.corral.samples;

import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.values.BoolValue;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.Value;
import java.util.List;

/** Short constructors for component values in assertions. */
final class Values {
  private Values() {}

  static StringValue str(String s) {
    return new StringValue(s);
  }

  static IntValue u32(long v) {
    return new IntValue(Primitive.U32, v);
  }

  static IntValue u64(long v) {
    return new IntValue(Primitive.U64, v);
  }

  static IntValue s64(long v) {
    return new IntValue(Primitive.S64, v);
  }

  static BoolValue bool(boolean v) {
    return new BoolValue(v);
  }

  static EnumValue enumCase(int index) {
    return new EnumValue(index);
  }

  static OptionValue some(Value v) {
    return OptionValue.some(v);
  }

  static RecordValue record(Value... fields) {
    return new RecordValue(List.of(fields));
  }

  static ListValue list(Value... elements) {
    return new ListValue(List.of(elements));
  }

  static ListValue list(List<? extends Value> elements) {
    return new ListValue(List.copyOf(elements));
  }

  static ResultValue ok(Value v) {
    return ResultValue.ok(v);
  }

  static ResultValue err(String message) {
    return ResultValue.err(new StringValue(message));
  }
}
