package dev.corral.sandbox.values;

import java.util.Objects;
import java.util.Optional;

/** A variant: the index of its case and the payload, present exactly when the case has one. */
public record VariantValue(int caseIndex, Optional<Value> payload) implements Value {
  public VariantValue {
    if (caseIndex < 0) {
      throw new IllegalArgumentException("negative case index " + caseIndex);
    }
    Objects.requireNonNull(payload, "payload");
  }
}
