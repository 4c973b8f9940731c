package dev.corral.sandbox.world;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a type got its name: inside an interface ({@code interfaceName} present) or at world level.
 */
public record QualifiedTypeName(Optional<String> interfaceName, String name) {
  public QualifiedTypeName {
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return interfaceName.map(i -> i + "." + name).orElse(name);
  }
}
