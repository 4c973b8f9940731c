package dev.corral.sandbox.runtime;

import dev.corral.sandbox.binary.Sort;
import dev.corral.sandbox.error.LinkException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The index spaces of one component, component type or instance type being processed, with a link
 * to the enclosing scope for outer aliases.
 */
final class Scope {
  private final Scope parent;
  private final Map<Sort, List<Item>> spaces = new EnumMap<>(Sort.class);

  Scope(Scope parent) {
    this.parent = parent;
  }

  int add(Item item) {
    List<Item> space = spaces.computeIfAbsent(item.sort(), s -> new ArrayList<>());
    space.add(item);
    return space.size() - 1;
  }

  /** How many items the index space of {@code sort} holds, i.e. the index the next one gets. */
  int size(Sort sort) {
    return spaces.getOrDefault(sort, List.of()).size();
  }

  Item get(Sort sort, int index) throws LinkException {
    List<Item> space = spaces.getOrDefault(sort, List.of());
    if (index < 0 || index >= space.size()) {
      throw new LinkException(
          sort + " index " + index + " is out of bounds (" + space.size() + " defined)");
    }
    return space.get(index);
  }

  <T extends Item> T get(Sort sort, int index, Class<T> kind) throws LinkException {
    Item item = get(sort, index);
    if (!kind.isInstance(item)) {
      throw new LinkException(sort + " index " + index + " is not a " + sort);
    }
    return kind.cast(item);
  }

  /** The scope {@code count} levels out (0 is this one). */
  Scope outer(int count) throws LinkException {
    Scope s = this;
    for (int i = 0; i < count; i++) {
      if (s.parent == null) {
        throw new LinkException("outer alias count " + count + " exceeds the enclosing scopes");
      }
      s = s.parent;
    }
    return s;
  }
}
