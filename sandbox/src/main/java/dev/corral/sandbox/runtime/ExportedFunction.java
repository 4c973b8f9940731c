package dev.corral.sandbox.runtime;

import dev.corral.sandbox.types.FuncType;
import java.util.Objects;
import java.util.Optional;

/**
 * A function a component exports: at world level ({@code interfaceName} empty) or inside an
 * exported interface such as {@code docs:adder/add@0.1.0}.
 */
public record ExportedFunction(Optional<String> interfaceName, String name, FuncType type) {
  public ExportedFunction {
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** The path used in messages: {@code iface#name} or {@code name}. */
  public String qualifiedName() {
    return interfaceName.map(i -> i + "#" + name).orElse(name);
  }
}
