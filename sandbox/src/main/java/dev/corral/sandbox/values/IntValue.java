package dev.corral.sandbox.values;

import dev.corral.sandbox.types.Primitive;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An integer of one of the eight integer types. {@code bits} holds the value sign- or zero-extended
 * to 64 bits; for {@code u64} values above {@link Long#MAX_VALUE} it holds the two's-complement bit
 * pattern (use {@link #toBigInteger()}).
 */
public record IntValue(Primitive type, long bits) implements Value {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  public IntValue {
    Objects.requireNonNull(type, "type");
    if (!type.isInteger()) {
      throw new IllegalArgumentException(type.witName() + " is not an integer type");
    }
    if (!inRange(type, bits)) {
      throw new IllegalArgumentException(
          (type == Primitive.U64 ? Long.toUnsignedString(bits) : Long.toString(bits))
              + " is out of range for "
              + type.witName());
    }
  }

  /** Whether the 64-bit pattern {@code bits} is a valid canonical value of {@code type}. */
  public static boolean inRange(Primitive type, long bits) {
    return switch (type) {
      case S8 -> bits >= Byte.MIN_VALUE && bits <= Byte.MAX_VALUE;
      case U8 -> bits >= 0 && bits <= 0xFF;
      case S16 -> bits >= Short.MIN_VALUE && bits <= Short.MAX_VALUE;
      case U16 -> bits >= 0 && bits <= 0xFFFF;
      case S32 -> bits >= Integer.MIN_VALUE && bits <= Integer.MAX_VALUE;
      case U32 -> bits >= 0 && bits <= 0xFFFF_FFFFL;
      case S64, U64 -> true;
      default -> false;
    };
  }

  /** The exact mathematical value. */
  public BigInteger toBigInteger() {
    BigInteger value = BigInteger.valueOf(bits);
    return type == Primitive.U64 && bits < 0 ? value.add(TWO_64) : value;
  }

  /** The value as a Java {@code int}, for types that fit (all but u32 above 2^31, s64, u64). */
  public int intValue() {
    return (int) bits;
  }

  @Override
  public String toString() {
    return type.witName() + " " + toBigInteger();
  }
}
