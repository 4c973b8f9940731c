package dev.corral.sandbox.types;

import java.util.List;

/** {@code tuple<T, U, ...>}: at least one element. */
public record TupleType(List<ValType> types) implements ValType {
  public TupleType {
    types = List.copyOf(types);
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a tuple needs at least one element type");
    }
  }
}
