package dev.corral.sandbox.host;

import dev.corral.sandbox.types.FuncType;
import java.util.Objects;

/** A named host function with its component-level type. */
public record HostFunctionDef(String name, FuncType type, HostFunction implementation) {
  public HostFunctionDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(implementation, "implementation");
  }
}
