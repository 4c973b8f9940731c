package dev.corral.sandbox.host;

import java.util.Objects;
import java.util.Optional;

/**
 * An import name split into its unversioned part and optional semver version, e.g. {@code
 * wasi:cli/environment} and {@code 0.2.3}.
 */
public record InterfaceName(String unversioned, Optional<String> version) {
  public InterfaceName {
    Objects.requireNonNull(unversioned, "unversioned");
    Objects.requireNonNull(version, "version");
  }

  /** Parses {@code ns:pkg/iface@1.2.3} (the version is optional). */
  public static InterfaceName parse(String name) {
    int at = name.lastIndexOf('@');
    if (at <= 0) {
      return new InterfaceName(name, Optional.empty());
    }
    return new InterfaceName(name.substring(0, at), Optional.of(name.substring(at + 1)));
  }

  /**
   * Whether a host providing {@code provided} can satisfy an import of this name: the same
   * unversioned name and semver-compatible versions (same major version; for 0.x, the same
   * minor; for 0.0.x, the same patch). Pre-release versions must match exactly.
   */
  public boolean isSatisfiedBy(InterfaceName provided) {
    if (!unversioned.equals(provided.unversioned)) {
      return false;
    }
    if (version.isEmpty() || provided.version.isEmpty()) {
      return version.equals(provided.version);
    }
    return compatibilityTrack(version.get()).equals(compatibilityTrack(provided.version.get()));
  }

  private static String compatibilityTrack(String version) {
    if (version.contains("-") || version.contains("+")) {
      return version;
    }
    String[] parts = version.split("\\.", -1);
    if (parts.length != 3) {
      return version;
    }
    if (!parts[0].equals("0")) {
      return parts[0];
    }
    if (!parts[1].equals("0")) {
      return "0." + parts[1];
    }
    return "0.0." + parts[2];
  }

  @Override
  public String toString() {
    return version.map(v -> unversioned + "@" + v).orElse(unversioned);
  }
}
