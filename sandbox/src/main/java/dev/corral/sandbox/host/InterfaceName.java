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
   * unversioned name and semver-compatible versions (same major version; for 0.x, the same minor;
   * for 0.0.x, the same patch). Pre-release versions must match exactly; build metadata is ignored.
   * A version that is not a semantic version matches only itself.
   */
  public boolean isSatisfiedBy(InterfaceName provided) {
    if (!unversioned.equals(provided.unversioned)) {
      return false;
    }
    if (version.isEmpty() || provided.version.isEmpty()) {
      return version.equals(provided.version);
    }
    Optional<SemVer> wanted = SemVer.parse(version.get());
    Optional<SemVer> offered = SemVer.parse(provided.version.get());
    if (wanted.isEmpty() || offered.isEmpty()) {
      return version.equals(provided.version);
    }
    return wanted.get().track().equals(offered.get().track());
  }

  /**
   * Orders names by version precedence (semver, ignoring build metadata); a name without a version,
   * or with one that is not a semantic version, comes first.
   */
  public static int compareVersions(InterfaceName a, InterfaceName b) {
    Optional<SemVer> va = a.version.flatMap(SemVer::parse);
    Optional<SemVer> vb = b.version.flatMap(SemVer::parse);
    if (va.isEmpty() || vb.isEmpty()) {
      return Boolean.compare(va.isPresent(), vb.isPresent());
    }
    return va.get().compareTo(vb.get());
  }

  @Override
  public String toString() {
    return version.map(v -> unversioned + "@" + v).orElse(unversioned);
  }
}
