package dev.corral.sandbox.world;

import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ValType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An interface a component imports or exports, such as {@code docs:adder/add@0.1.0} or a plain name
 * for an inline interface: its named types and functions in declaration order.
 */
public record Interface(String name, List<NamedType> types, List<Function> functions)
    implements WorldItem {
  public Interface {
    Objects.requireNonNull(name, "name");
    types = List.copyOf(types);
    functions = List.copyOf(functions);
  }

  /** The function with this component-level name. */
  public Optional<Function> function(String functionName) {
    return functions.stream().filter(f -> f.name().equals(functionName)).findFirst();
  }

  /** The named type with this name. */
  public Optional<NamedType> type(String typeName) {
    return types.stream().filter(t -> t.name().equals(typeName)).findFirst();
  }

  /**
   * The name this interface gives {@code type}, found by identity: the very type object that a
   * function signature or another type refers to. Primitives are never named (an alias such as
   * {@code type size = u64} is the same type as {@code u64}, so uses print as {@code u64}).
   */
  public Optional<String> nameOf(ValType type) {
    if (type instanceof Primitive) {
      return Optional.empty();
    }
    for (NamedType t : types) {
      if (t instanceof NamedType.Value v && v.type() == type) {
        return Optional.of(v.name());
      }
    }
    return Optional.empty();
  }

  /** The name this interface gives a resource type. */
  public Optional<String> nameOf(ResourceType type) {
    for (NamedType t : types) {
      if (t instanceof NamedType.Resource r && r.type() == type) {
        return Optional.of(r.name());
      }
    }
    return Optional.empty();
  }
}
