package dev.corral.sandbox.world;

import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ValType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The type-level shape of a component, found without instantiating it: its imports and exports in
 * binary order, as interfaces, world-level functions and world-level named types.
 *
 * <h2>Type names</h2>
 *
 * {@link ValType} records compare structurally, so two distinct WIT types with the same shape
 * ({@code record a { x: u32 }} and {@code record b { x: u32 }}) are {@code equal}. Names are
 * therefore resolved by <em>identity</em>: while reading the binary, each type definition becomes
 * exactly one Java object, and every reference to it (a field, a parameter, a {@code use} in
 * another interface, an alias) is that same object. A printer looks a type up with {@link
 * Interface#nameOf(ValType)} (the name visible inside one interface) or {@link #nameOf(ValType)}
 * (where the type was first named) and, on a miss, prints its structure. Resource types have
 * identity equality anyway. Primitive aliases ({@code type size = u64}) are listed as named types
 * but cannot be told apart from the primitive at use sites, which print as the primitive.
 */
public record World(List<WorldItem> imports, List<WorldItem> exports) {
  public World {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
  }

  /**
   * Reads the world of a decoded component.
   *
   * @throws ComponentTypeException if the component's definitions do not type-check, or use a
   *     feature Corral does not support (component-model async, value imports, start functions)
   */
  public static World of(Component component) throws ComponentTypeException {
    return WorldReader.read(component);
  }

  /** The imported interface with this exact name. */
  public Optional<Interface> importedInterface(String name) {
    return interfaceIn(imports, name);
  }

  /** The exported interface with this exact name. */
  public Optional<Interface> exportedInterface(String name) {
    return interfaceIn(exports, name);
  }

  private static Optional<Interface> interfaceIn(List<WorldItem> items, String name) {
    return items.stream()
        .filter(i -> i instanceof Interface && i.name().equals(name))
        .map(Interface.class::cast)
        .findFirst();
  }

  /** Where {@code type} was first named in this world (imports first), found by identity. */
  public Optional<QualifiedTypeName> nameOf(ValType type) {
    if (type instanceof Primitive) {
      return Optional.empty();
    }
    return Optional.ofNullable(names().values.get(type));
  }

  /** Where a resource type was first named in this world. */
  public Optional<QualifiedTypeName> nameOf(ResourceType type) {
    return Optional.ofNullable(names().resources.get(type));
  }

  private Names names() {
    Names names = new Names();
    for (List<WorldItem> items : List.of(imports, exports)) {
      for (WorldItem item : items) {
        switch (item) {
          case Interface i -> i.types().forEach(t -> names.add(Optional.of(i.name()), t));
          case NamedType t -> names.add(Optional.empty(), t);
          case Function f -> {}
        }
      }
    }
    return names;
  }

  private static final class Names {
    final Map<ValType, QualifiedTypeName> values = new IdentityHashMap<>();
    final Map<ResourceType, QualifiedTypeName> resources = new IdentityHashMap<>();

    void add(Optional<String> owner, NamedType type) {
      QualifiedTypeName name = new QualifiedTypeName(owner, type.name());
      switch (type) {
        case NamedType.Value v -> {
          if (!(v.type() instanceof Primitive)) {
            values.putIfAbsent(v.type(), name);
          }
        }
        case NamedType.Resource r -> resources.putIfAbsent(r.type(), name);
      }
    }
  }
}
