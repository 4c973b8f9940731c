package dev.corral.policy;

import java.util.Locale;
import java.util.Optional;

/** A kind of storage access a policy rule grants or denies. */
public enum Access {
  READ,
  WRITE;

  /** The spelling used in policy files: {@code read} or {@code write}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the policy-file spelling; empty for anything else (case matters). */
  public static Optional<Access> fromYaml(String text) {
    for (Access access : values()) {
      if (access.yamlName().equals(text)) {
        return Optional.of(access);
      }
    }
    return Optional.empty();
  }
}
