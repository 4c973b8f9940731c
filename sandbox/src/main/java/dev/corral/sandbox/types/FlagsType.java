package dev.corral.sandbox.types;

import java.util.List;

/** {@code flags { a, b, ... }}: at least one flag. */
public record FlagsType(List<String> names) implements ValType {
  public FlagsType {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("flags need at least one name");
    }
  }
}
