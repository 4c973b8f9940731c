package dev.corral.sandbox.world;

import dev.corral.sandbox.types.FuncType;
import java.util.Objects;
import java.util.Optional;

/**
 * A component function as the world declares it. {@code name} is the component-level name, so
 * resource functions keep their annotations: {@code [constructor]counter}, {@code
 * [method]counter.increment}, {@code [static]counter.make}.
 */
public record Function(String name, FuncType type) implements WorldItem {
  public Function {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** The resource this function belongs to, for constructors, methods and static functions. */
  public Optional<String> resourceName() {
    if (name.startsWith("[constructor]")) {
      return Optional.of(name.substring("[constructor]".length()));
    }
    for (String prefix : new String[] {"[method]", "[static]"}) {
      if (name.startsWith(prefix)) {
        int dot = name.indexOf('.', prefix.length());
        return dot < 0 ? Optional.empty() : Optional.of(name.substring(prefix.length(), dot));
      }
    }
    return Optional.empty();
  }

  /**
   * The plain WIT name: {@code increment} for {@code [method]counter.increment}, the resource name
   * for a constructor, the name itself for a freestanding function.
   */
  public String witName() {
    if (name.startsWith("[constructor]")) {
      return name.substring("[constructor]".length());
    }
    if (name.startsWith("[method]") || name.startsWith("[static]")) {
      int dot = name.indexOf('.');
      return dot < 0 ? name : name.substring(dot + 1);
    }
    return name;
  }
}
