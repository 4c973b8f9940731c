package dev.corral.schema.wit;

import dev.corral.sandbox.binary.PackageDocs;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.World;
import java.util.Optional;

/**
 * The names under which types are visible where they are used: inside one interface first, then
 * where the world first named them. Lookups are by identity (see {@link World}).
 */
public interface TypeNames {
  /** No names: every type is written out structurally. */
  TypeNames NONE =
      new TypeNames() {
        @Override
        public Optional<String> nameOf(ValType type) {
          return Optional.empty();
        }

        @Override
        public Optional<String> nameOf(ResourceType type) {
          return Optional.empty();
        }
      };

  /** The name of a value type, if it has one. */
  Optional<String> nameOf(ValType type);

  /** The name of a resource type, if it has one. */
  Optional<String> nameOf(ResourceType type);

  /**
   * The documentation of a named type (from a {@code package-docs} section), if any. The default
   * has none.
   */
  default Optional<PackageDocs.Type> docsOf(ValType type) {
    return Optional.empty();
  }

  /** Names as seen from inside {@code scope} (may be null for world level), then the world's. */
  static TypeNames of(World world, Interface scope) {
    return of(world, scope, ComponentDocs.none());
  }

  /**
   * Names as seen from inside {@code scope} (may be null for world level), then the world's, with
   * type docs from {@code docs} for the interface or world that first named each type.
   */
  static TypeNames of(World world, Interface scope, ComponentDocs docs) {
    return new TypeNames() {
      @Override
      public Optional<PackageDocs.Type> docsOf(ValType type) {
        return world.nameOf(type).flatMap(n -> docs.typeDocs(n.interfaceName(), n.name()));
      }

      @Override
      public Optional<String> nameOf(ValType type) {
        Optional<String> local = scope == null ? Optional.empty() : scope.nameOf(type);
        return local.isPresent() ? local : world.nameOf(type).map(n -> n.name());
      }

      @Override
      public Optional<String> nameOf(ResourceType type) {
        Optional<String> local = scope == null ? Optional.empty() : scope.nameOf(type);
        return local.isPresent() ? local : world.nameOf(type).map(n -> n.name());
      }
    };
  }
}
