package dev.corral.sandbox.types;

import java.util.Objects;

/** {@code list<T>}, or the fixed-length {@code list<T, N>} when {@code fixedLength} is positive. */
public record ListType(ValType element, int fixedLength) implements ValType {
  public ListType {
    Objects.requireNonNull(element, "element");
    if (fixedLength < 0) {
      throw new IllegalArgumentException("fixed length must not be negative: " + fixedLength);
    }
  }

  /** A variable-length {@code list<element>}. */
  public ListType(ValType element) {
    this(element, 0);
  }

  /** Whether this is a fixed-length list. */
  public boolean isFixed() {
    return fixedLength > 0;
  }
}
