package dev.corral.sandbox.types;

import java.util.List;

/** {@code variant { a(T), b, ... }}: at least one case. */
public record VariantType(List<Case> cases) implements ValType {
  public VariantType {
    cases = List.copyOf(cases);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("a variant needs at least one case");
    }
  }
}
