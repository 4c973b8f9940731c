package dev.corral.sandbox.types;

import java.util.List;

/** {@code enum { a, b, ... }}: at least one case. */
public record EnumType(List<String> cases) implements ValType {
  public EnumType {
    cases = List.copyOf(cases);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("an enum needs at least one case");
    }
  }
}
