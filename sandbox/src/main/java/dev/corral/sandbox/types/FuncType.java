package dev.corral.sandbox.types;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A component function type: named parameters and at most one result. */
public record FuncType(List<Field> params, Optional<ValType> result) {
  public FuncType {
    params = List.copyOf(params);
    Objects.requireNonNull(result, "result");
  }
}
