package dev.corral.sandbox.values;

import java.util.Objects;
import java.util.Optional;

/** A {@code result<T, E>}: {@code ok} or {@code err}, each with an optional payload. */
public record ResultValue(boolean isOk, Optional<Value> payload) implements Value {
  public ResultValue {
    Objects.requireNonNull(payload, "payload");
  }

  /** {@code ok(value)}, or {@code ok} with no payload when value is null. */
  public static ResultValue ok(Value value) {
    return new ResultValue(true, Optional.ofNullable(value));
  }

  /** {@code err(value)}, or {@code err} with no payload when value is null. */
  public static ResultValue err(Value value) {
    return new ResultValue(false, Optional.ofNullable(value));
  }
}
