package dev.corral.policy;

import java.util.Locale;
import java.util.Optional;

/** The limits a policy can set under {@code limits:}. */
public enum LimitName {
  /** Wall-clock time per call, such as {@code 30s}. */
  TIMEOUT,
  /** Linear memory, such as {@code 256Mi}. */
  MEMORY,
  /** Size of a call's output, such as {@code 1Mi}. */
  OUTPUT;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code timeout}, {@code memory} or {@code output}; empty for anything else. */
  public static Optional<LimitName> fromYaml(String text) {
    for (LimitName name : values()) {
      if (name.yamlName().equals(text)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
