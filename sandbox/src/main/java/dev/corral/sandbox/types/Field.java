package dev.corral.sandbox.types;

import java.util.Objects;

/** A named field of a record, or a named function parameter. */
public record Field(String name, ValType type) {
  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
