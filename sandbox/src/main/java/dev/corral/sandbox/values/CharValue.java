package dev.corral.sandbox.values;

/** A {@code char}: one Unicode scalar value (a code point that is not a surrogate). */
public record CharValue(int codePoint) implements Value {
  public CharValue {
    if (!isScalarValue(codePoint)) {
      throw new IllegalArgumentException(
          String.format("0x%X is not a Unicode scalar value", codePoint));
    }
  }

  /** Whether {@code codePoint} is in [0, 0xD800) or [0xE000, 0x110000). */
  public static boolean isScalarValue(int codePoint) {
    return (codePoint >= 0 && codePoint < 0xD800) || (codePoint >= 0xE000 && codePoint < 0x110000);
  }

  @Override
  public String toString() {
    return "'" + Character.toString(codePoint) + "'";
  }
}
