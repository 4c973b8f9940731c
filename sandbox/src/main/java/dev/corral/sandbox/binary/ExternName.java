package dev.corral.sandbox.binary;

import java.util.Objects;
import java.util.Optional;

/**
 * An import or export name such as {@code wasi:cli/environment@0.2.3} or {@code add}, with the
 * optional attributes of the newer name encoding.
 */
public record ExternName(
    String name, Optional<String> implementsName, Optional<String> versionSuffix) {
  public ExternName {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(implementsName, "implementsName");
    Objects.requireNonNull(versionSuffix, "versionSuffix");
  }

  /** A plain name without attributes. */
  public static ExternName of(String name) {
    return new ExternName(name, Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    return name;
  }
}
