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
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/** Random component values of a given type, biased towards edge cases. */
final class RandomValues {
  private final Random random;
  private int depth;

  RandomValues(long seed) {
    this.random = new Random(seed);
  }

  Value of(ValType type) {
    depth++;
    try {
      return value(type);
    } finally {
      depth--;
    }
  }

  private Value value(ValType type) {
    return switch (type) {
      case Primitive p -> primitive(p);
      case ListType l -> {
        int maxSize = l.element() == Primitive.U8 ? 40 : depth > 3 ? 2 : 6;
        int size = l.isFixed() ? l.fixedLength() : random.nextInt(maxSize);
        List<Value> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          elements.add(of(l.element()));
        }
        yield new ListValue(elements);
      }
      case RecordType r ->
          new RecordValue(r.fields().stream().map(Field::type).map(this::of).toList());
      case TupleType t -> new TupleValue(t.types().stream().map(this::of).toList());
      case VariantType v -> {
        int index = random.nextInt(v.cases().size());
        Case c = v.cases().get(index);
        yield new VariantValue(index, c.type().map(this::of));
      }
      case EnumType e -> new EnumValue(random.nextInt(e.cases().size()));
      case OptionType o ->
          random.nextInt(4) == 0 ? OptionValue.none() : OptionValue.some(of(o.some()));
      case ResultType r ->
          random.nextBoolean()
              ? new ResultValue(true, r.ok().map(this::of))
              : new ResultValue(false, r.err().map(this::of));
      case FlagsType f -> {
        BitSet bits = new BitSet();
        for (int i = 0; i < f.names().size(); i++) {
          if (random.nextBoolean()) {
            bits.set(i);
          }
        }
        yield new FlagsValue(bits);
      }
      case OwnType o -> throw new IllegalArgumentException("no random handles");
      case BorrowType b -> throw new IllegalArgumentException("no random handles");
    };
  }

  private Value primitive(Primitive p) {
    return switch (p) {
      case BOOL -> new BoolValue(random.nextBoolean());
      case S8, U8, S16, U16, S32, U32, S64, U64 -> new IntValue(p, integer(p).longValue());
      case F32 -> new F32Value(f32());
      case F64 -> new F64Value(f64());
      case CHAR -> new CharValue(scalar());
      case STRING -> {
        int length = random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
          s.appendCodePoint(random.nextInt(3) == 0 ? scalar() : ' ' + random.nextInt(95));
        }
        yield new StringValue(s.toString());
      }
    };
  }

  private BigInteger integer(Primitive p) {
    BigInteger min = TypeSchemas.minimum(p);
    BigInteger max = TypeSchemas.maximum(p);
    BigInteger safe = BigInteger.valueOf(TypeSchemas.MAX_SAFE_INTEGER);
    List<BigInteger> edges = new ArrayList<>(List.of(min, max, BigInteger.ZERO, BigInteger.ONE));
    if (p.isSigned()) {
      edges.add(BigInteger.ONE.negate());
    }
    if (p.bits() == 64) {
      edges.add(safe);
      edges.add(safe.add(BigInteger.ONE));
      if (p.isSigned()) {
        edges.add(safe.negate());
        edges.add(safe.negate().subtract(BigInteger.ONE));
      }
    }
    if (random.nextInt(3) == 0) {
      return edges.get(random.nextInt(edges.size()));
    }
    BigInteger span = max.subtract(min).add(BigInteger.ONE);
    BigInteger offset;
    do {
      offset = new BigInteger(span.bitLength(), random);
    } while (offset.compareTo(span) >= 0);
    return min.add(offset);
  }

  private float f32() {
    return switch (random.nextInt(8)) {
      case 0 ->
          new float[] {
                Float.NaN,
                Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY,
                -0.0f,
                Float.MIN_VALUE,
                Float.MAX_VALUE,
                -Float.MAX_VALUE,
                0.1f
              }
              [random.nextInt(8)];
      case 1 -> random.nextFloat() * 1000 - 500;
      default -> {
        float f = Float.intBitsToFloat(random.nextInt());
        yield Float.isNaN(f) ? Float.NaN : f;
      }
    };
  }

  private double f64() {
    return switch (random.nextInt(8)) {
      case 0 ->
          new double[] {
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                -0.0,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                0.1
              }
              [random.nextInt(8)];
      case 1 -> random.nextDouble() * 1000 - 500;
      default -> {
        double d = Double.longBitsToDouble(random.nextLong());
        yield Double.isNaN(d) ? Double.NaN : d;
      }
    };
  }

  private int scalar() {
    while (true) {
      int c =
          switch (random.nextInt(3)) {
            case 0 -> random.nextInt(0x80);
            case 1 -> random.nextInt(0x10000);
            default -> random.nextInt(0x110000);
          };
      if (CharValue.isScalarValue(c)) {
        return c;
      }
    }
  }
}
