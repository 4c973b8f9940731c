package dev.corral.policy;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code permissions.storage.allow} or {@code deny} entry: the {@code uri} as written, the
 * paths it names, and the accesses it grants or denies (never empty).
 */
public record StorageRule(String uri, PathPattern pattern, Set<Access> access) {
  public StorageRule {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(pattern, "pattern");
    if (access.isEmpty()) {
      throw new IllegalArgumentException("a storage rule needs at least one access");
    }
    access = Set.copyOf(EnumSet.copyOf(access));
  }

  String describe() {
    return uri + " " + access.stream().sorted().map(Access::yamlName).toList();
  }
}
