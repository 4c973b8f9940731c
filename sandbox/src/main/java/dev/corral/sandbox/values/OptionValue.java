package dev.corral.sandbox.values;

import java.util.Objects;
import java.util.Optional;

/** An {@code option<T>}: {@code none} when empty. */
public record OptionValue(Optional<Value> value) implements Value {
  public OptionValue {
    Objects.requireNonNull(value, "value");
  }

  /** {@code none}. */
  public static OptionValue none() {
    return new OptionValue(Optional.empty());
  }

  /** {@code some(value)}. */
  public static OptionValue some(Value value) {
    return new OptionValue(Optional.of(value));
  }
}
