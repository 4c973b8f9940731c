package dev.corral.policy;

import java.util.Objects;

/**
 * A secret's value. Its {@link #toString()} never shows the value, so it cannot leak into logs by
 * accident.
 */
public final class SecretValue {
  private final String value;

  public SecretValue(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The value itself; hand it only to the component's environment. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretValue other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "SecretValue[redacted]";
  }
}
