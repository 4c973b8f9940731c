package dev.corral.sandbox.differential;

import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
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
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The edge values of each type, deterministic: integer limits and their neighbours, 2^53 + 1, NaN,
 * both zeros and infinities, NUL, U+FFFF, U+10FFFF and emoji in chars and strings, every case of
 * enums and variants, every single flag, empty and full flags, empty and mixed lists. Composite
 * types combine their parts' edges position by position, so the lists stay short.
 */
final class EdgeValues {
  /** At most this many values per type (composites cycle through their parts' edges). */
  static final int MAX = 12;

  private EdgeValues() {}

  /** Whether values of {@code type} can be made without a resource handle. */
  static boolean handleFree(ValType type) {
    return switch (type) {
      case OwnType o -> false;
      case BorrowType b -> false;
      case ListType l -> handleFree(l.element());
      case RecordType r -> r.fields().stream().allMatch(f -> handleFree(f.type()));
      case TupleType t -> t.types().stream().allMatch(EdgeValues::handleFree);
      case VariantType v ->
          v.cases().stream().allMatch(c -> c.type().map(EdgeValues::handleFree).orElse(true));
      case OptionType o -> handleFree(o.some());
      case ResultType r ->
          r.ok().map(EdgeValues::handleFree).orElse(true)
              && r.err().map(EdgeValues::handleFree).orElse(true);
      default -> true;
    };
  }

  static List<Value> of(ValType type) {
    List<Value> all =
        switch (type) {
          case Primitive p -> primitive(p);
          case ListType l -> {
            List<Value> elements = of(l.element());
            yield List.of(
                new ListValue(List.of()),
                new ListValue(List.of(elements.get(0))),
                new ListValue(elements));
          }
          case RecordType r ->
              combine(r.fields().stream().map(f -> of(f.type())).toList(), RecordValue::new);
          case TupleType t ->
              combine(t.types().stream().map(EdgeValues::of).toList(), TupleValue::new);
          case VariantType v -> {
            List<Value> values = new ArrayList<>();
            for (int i = 0; i < v.cases().size(); i++) {
              Case c = v.cases().get(i);
              int index = i;
              if (c.type().isEmpty()) {
                values.add(new VariantValue(i, Optional.empty()));
              } else {
                List<Value> payloads = of(c.type().get());
                values.add(new VariantValue(index, Optional.of(payloads.get(i % payloads.size()))));
                values.add(new VariantValue(index, Optional.of(payloads.getLast())));
              }
            }
            yield values;
          }
          case EnumType e -> {
            List<Value> values = new ArrayList<>();
            for (int i = 0; i < e.cases().size(); i++) {
              values.add(new EnumValue(i));
            }
            yield values;
          }
          case FlagsType f -> {
            List<Value> values = new ArrayList<>();
            values.add(new FlagsValue(new BitSet()));
            BitSet full = new BitSet();
            full.set(0, f.names().size());
            values.add(new FlagsValue(full));
            for (int i = 0; i < f.names().size(); i++) {
              BitSet one = new BitSet();
              one.set(i);
              values.add(new FlagsValue(one));
            }
            yield values;
          }
          case OptionType o -> {
            List<Value> values = new ArrayList<>();
            values.add(OptionValue.none());
            of(o.some()).forEach(v -> values.add(OptionValue.some(v)));
            yield values;
          }
          case ResultType r -> {
            List<Value> values = new ArrayList<>();
            List<Value> oks = r.ok().map(EdgeValues::of).orElse(List.of());
            List<Value> errs = r.err().map(EdgeValues::of).orElse(List.of());
            for (int i = 0; i < Math.max(1, Math.max(oks.size(), errs.size())); i++) {
              values.add(
                  new ResultValue(
                      true,
                      oks.isEmpty() ? Optional.empty() : Optional.of(oks.get(i % oks.size()))));
              values.add(
                  new ResultValue(
                      false,
                      errs.isEmpty() ? Optional.empty() : Optional.of(errs.get(i % errs.size()))));
            }
            yield values;
          }
          case OwnType o -> throw new IllegalArgumentException("handles are not generated");
          case BorrowType b -> throw new IllegalArgumentException("handles are not generated");
        };
    return all.size() > MAX ? all.subList(0, MAX) : all;
  }

  private static List<Value> combine(
      List<List<Value>> parts, java.util.function.Function<List<Value>, Value> make) {
    int count = parts.stream().mapToInt(List::size).max().orElse(1);
    List<Value> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Value> picked = new ArrayList<>();
      for (int j = 0; j < parts.size(); j++) {
        List<Value> part = parts.get(j);
        picked.add(part.get((i + j) % part.size()));
      }
      values.add(make.apply(picked));
    }
    return values;
  }

  private static List<Value> primitive(Primitive type) {
    return switch (type) {
      case BOOL -> List.of(new BoolValue(false), new BoolValue(true));
      case S8 -> ints(type, 0, -1, 1, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case U8 -> ints(type, 0, 1, 0x7f, 0x80, 0xff);
      case S16 -> ints(type, 0, -1, Short.MIN_VALUE, Short.MAX_VALUE, 0x80);
      case U16 -> ints(type, 0, 1, 0x7fff, 0x8000, 0xffff);
      case S32 -> ints(type, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x8000);
      case U32 -> ints(type, 0, 1, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL);
      case S64 ->
          ints(
              type,
              0,
              -1,
              Long.MIN_VALUE,
              Long.MAX_VALUE,
              (1L << 53) + 1,
              -(1L << 53) - 1,
              0xffff_ffffL);
      case U64 ->
          ints(type, 0, 1, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1, 0x1_0000_0000L);
      case F32 ->
          List.of(
              new F32Value(0f),
              new F32Value(-0f),
              new F32Value(Float.NaN),
              new F32Value(Float.POSITIVE_INFINITY),
              new F32Value(Float.NEGATIVE_INFINITY),
              new F32Value(Float.MIN_VALUE),
              new F32Value(Float.MAX_VALUE),
              new F32Value(-1.5f),
              new F32Value(16777217f));
      case F64 ->
          List.of(
              new F64Value(0d),
              new F64Value(-0d),
              new F64Value(Double.NaN),
              new F64Value(Double.POSITIVE_INFINITY),
              new F64Value(Double.NEGATIVE_INFINITY),
              new F64Value(Double.MIN_VALUE),
              new F64Value(Double.MAX_VALUE),
              new F64Value(0.1),
              new F64Value(9007199254740993d),
              new F64Value(-2.5e-300));
      case CHAR -> chars(0x61, 0, 0x7f, 0x80, 0xe9, 0xd7ff, 0xe000, 0xffff, 0x1f600, 0x10ffff);
      case STRING ->
          List.of(
              new StringValue(""),
              new StringValue("a"),
              new StringValue("\0"),
              new StringValue("\uffff"),
              new StringValue("😀"),
              new StringValue("h\u00e9llo w\u00f6rld \u4e2d\u6587"),
              new StringValue("a\0b\uffff\ud83d\ude00z"),
              new StringValue("\u0080\u07ff\u0800\udbff\udfff"),
              new StringValue("x".repeat(1000) + "\u00ff" + "\u4e2d".repeat(300)));
    };
  }

  private static List<Value> ints(Primitive type, long... values) {
    List<Value> list = new ArrayList<>();
    for (long v : values) {
      list.add(new IntValue(type, v));
    }
    return list;
  }

  private static List<Value> chars(int... codePoints) {
    List<Value> list = new ArrayList<>();
    for (int c : codePoints) {
      list.add(new CharValue(c));
    }
    return list;
  }
}
