package dev.corral.sandbox.types;

import java.util.Objects;
import java.util.Optional;

/** {@code result<T, E>}, where either side may be absent. */
public record ResultType(Optional<ValType> ok, Optional<ValType> err) implements ValType {
  public ResultType {
    Objects.requireNonNull(ok, "ok");
    Objects.requireNonNull(err, "err");
  }
}
