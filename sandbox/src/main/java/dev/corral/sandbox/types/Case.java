package dev.corral.sandbox.types;

import java.util.Objects;
import java.util.Optional;

/** A case of a variant, with an optional payload type. */
public record Case(String name, Optional<ValType> type) {
  public Case {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
