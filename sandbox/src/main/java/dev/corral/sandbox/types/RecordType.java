package dev.corral.sandbox.types;

import java.util.List;

/** {@code record { a: T, b: U }}: at least one field, in declaration order. */
public record RecordType(List<Field> fields) implements ValType {
  public RecordType {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a record needs at least one field");
    }
  }
}
