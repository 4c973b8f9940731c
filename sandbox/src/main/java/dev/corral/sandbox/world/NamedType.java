package dev.corral.sandbox.world;

import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ValType;
import java.util.Objects;
import java.util.Optional;

/**
 * A type the world gives a name: a value type (record, variant, enum, flags, or an alias such as
 * {@code type bytes = list<u8>}) or a resource.
 *
 * <p>{@code aliasOf} is present when the same type was already named earlier in the world (in an
 * earlier import or export, or earlier in the same interface): in WIT this is a {@code use} from
 * another interface, or {@code type b = a} within one. It is absent for the declaration that
 * introduces the type.
 */
public sealed interface NamedType extends WorldItem {
  /** The earlier name of the same type, if this name is an alias of it. */
  Optional<QualifiedTypeName> aliasOf();

  /** A named value type. */
  record Value(String name, ValType type, Optional<QualifiedTypeName> aliasOf)
      implements NamedType {
    public Value {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(aliasOf, "aliasOf");
    }
  }

  /** A named resource type. */
  record Resource(String name, ResourceType type, Optional<QualifiedTypeName> aliasOf)
      implements NamedType {
    public Resource {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(aliasOf, "aliasOf");
    }
  }
}
