package dev.corral.sandbox.values;

import java.util.Objects;

/** A {@code string}. */
public record StringValue(String value) implements Value {
  public StringValue {
    Objects.requireNonNull(value, "value");
  }
}
