package dev.corral.sandbox.types;

import java.util.Objects;

/** {@code option<T>}. */
public record OptionType(ValType some) implements ValType {
  public OptionType {
    Objects.requireNonNull(some, "some");
  }
}
