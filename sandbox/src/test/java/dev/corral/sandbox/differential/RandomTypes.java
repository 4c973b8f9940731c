package dev.corral.sandbox.differential;

import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
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
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random WIT signatures and values for the canonical-ABI fuzzer: nested records, variants, options,
 * results, lists, strings, flags (up to 32, the Component Model's limit, which wasmtime enforces),
 * enums, tuples, chars and floats; parameter lists beyond 16 flat values and results beyond one.
 * Values favour edges (integer limits, NaN, -0.0, NUL, U+FFFF, emoji, Latin-1 and non-Latin-1
 * text).
 */
final class RandomTypes {
  private static final Primitive[] PRIMITIVES = Primitive.values();
  private static final int[] CHARS = {
    0, 0x41, 0x7f, 0x80, 0xe9, 0xff, 0x100, 0x4e2d, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000,
    0x1f600, 0x10ffff
  };

  private final Random random;

  RandomTypes(Random random) {
    this.random = random;
  }

  FuncType function() {
    List<Field> params = new ArrayList<>();
    int count = random.nextInt(8) == 0 ? 17 + random.nextInt(4) : 1 + random.nextInt(5);
    for (int i = 0; i < count; i++) {
      params.add(new Field("p" + i, count > 16 ? primitive() : type(3)));
    }
    return new FuncType(params, random.nextInt(10) == 0 ? Optional.empty() : Optional.of(type(3)));
  }

  private Primitive primitive() {
    return PRIMITIVES[random.nextInt(PRIMITIVES.length)];
  }

  ValType type(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return primitive();
    }
    int d = depth - 1;
    return switch (random.nextInt(8)) {
      case 0 -> new ListType(type(d));
      case 1 -> new RecordType(fields(d));
      case 2 -> new TupleType(some(() -> type(d)));
      case 3 -> {
        List<Case> cases = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          cases.add(
              new Case("c" + i, random.nextBoolean() ? Optional.of(type(d)) : Optional.empty()));
        }
        yield new VariantType(cases);
      }
      case 4 -> new EnumType(names("e", 1 + random.nextInt(5)));
      case 5 -> new FlagsType(names("g", 1 + random.nextInt(random.nextBoolean() ? 8 : 32)));
      case 6 -> new OptionType(type(d));
      default ->
          new ResultType(
              random.nextInt(3) == 0 ? Optional.empty() : Optional.of(type(d)),
              random.nextInt(3) == 0 ? Optional.empty() : Optional.of(type(d)));
    };
  }

  private List<Field> fields(int depth) {
    List<Field> fields = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      fields.add(new Field("f" + i, type(depth)));
    }
    return fields;
  }

  private <T> List<T> some(Supplier<T> make) {
    List<T> list = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      list.add(make.get());
    }
    return list;
  }

  private static List<String> names(String prefix, int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  Value value(ValType type) {
    return switch (type) {
      case Primitive p -> primitive(p);
      case ListType l -> {
        List<Value> elements = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          elements.add(value(l.element()));
        }
        yield new ListValue(elements);
      }
      case RecordType r -> new RecordValue(r.fields().stream().map(f -> value(f.type())).toList());
      case TupleType t -> new TupleValue(t.types().stream().map(this::value).toList());
      case VariantType v -> {
        int i = random.nextInt(v.cases().size());
        yield new VariantValue(i, v.cases().get(i).type().map(this::value));
      }
      case EnumType e -> new EnumValue(random.nextInt(e.cases().size()));
      case FlagsType f -> {
        BitSet bits = new BitSet();
        for (int i = 0; i < f.names().size(); i++) {
          if (random.nextBoolean()) {
            bits.set(i);
          }
        }
        yield new FlagsValue(bits);
      }
      case OptionType o ->
          random.nextBoolean() ? OptionValue.none() : OptionValue.some(value(o.some()));
      case ResultType r ->
          random.nextBoolean()
              ? new ResultValue(true, r.ok().map(this::value))
              : new ResultValue(false, r.err().map(this::value));
      default -> throw new IllegalArgumentException("no handles in fuzzed signatures");
    };
  }

  private Value primitive(Primitive type) {
    if (type.isInteger()) {
      List<Value> edges = EdgeValues.of(type);
      if (random.nextBoolean()) {
        return edges.get(random.nextInt(edges.size()));
      }
      long bits = random.nextLong();
      long value =
          switch (type) {
            case S8 -> (byte) bits;
            case U8 -> bits & 0xff;
            case S16 -> (short) bits;
            case U16 -> bits & 0xffff;
            case S32 -> (int) bits;
            case U32 -> bits & 0xffff_ffffL;
            default -> bits;
          };
      return new IntValue(type, value);
    }
    return switch (type) {
      case BOOL -> new BoolValue(random.nextBoolean());
      case F32 ->
          random.nextBoolean()
              ? EdgeValues.of(type).get(random.nextInt(EdgeValues.of(type).size()))
              : new F32Value(Float.intBitsToFloat(random.nextInt()));
      case F64 ->
          random.nextBoolean()
              ? EdgeValues.of(type).get(random.nextInt(EdgeValues.of(type).size()))
              : new F64Value(Double.longBitsToDouble(random.nextLong()));
      case CHAR -> new CharValue(character());
      case STRING -> {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(12);
        boolean latin1 = random.nextBoolean();
        for (int i = 0; i < n; i++) {
          int c = character();
          text.appendCodePoint(latin1 && c > 0xff ? c & 0xff : c);
        }
        yield new StringValue(text.toString());
      }
      default -> throw new IllegalArgumentException(type.witName());
    };
  }

  private int character() {
    if (random.nextBoolean()) {
      return CHARS[random.nextInt(CHARS.length)];
    }
    int c = random.nextInt(0x110000 - 0x800);
    return c < 0xd800 ? c : c + 0x800;
  }
}
