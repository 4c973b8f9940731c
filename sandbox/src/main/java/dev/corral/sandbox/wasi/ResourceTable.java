package dev.corral.sandbox.wasi;

import dev.corral.sandbox.runtime.ComponentTrap;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.Value;
import java.util.HashMap;
import java.util.Map;

/** The host-side objects behind one resource type's representations, for one call. */
final class ResourceTable<T> implements AutoCloseable {
  private final String name;
  private final Map<Integer, T> entries = new HashMap<>();
  private ResourceType type;
  private int next = 1;

  ResourceTable(String name) {
    this.name = name;
  }

  void bind(ResourceType resourceType) {
    this.type = resourceType;
  }

  ResourceType type() {
    return type;
  }

  /** How many objects the guest holds now. */
  int size() {
    return entries.size();
  }

  /** Stores {@code object} and returns an owning handle to hand to the guest. */
  HandleValue add(T object) {
    int rep = next++;
    entries.put(rep, object);
    return new HandleValue(type, rep, true);
  }

  T get(Value handle) throws ComponentTrap {
    HandleValue h = (HandleValue) handle;
    T object = entries.get(h.rep());
    if (object == null) {
      throw new ComponentTrap("unknown " + name + " representation " + h.rep());
    }
    return object;
  }

  /** Removes an owned handle's object (the guest gave ownership to the host). */
  T take(Value handle) throws ComponentTrap {
    T object = get(handle);
    entries.remove(((HandleValue) handle).rep());
    return object;
  }

  void drop(int rep) {
    T object = entries.remove(rep);
    if (object instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a host object the guest dropped: nothing useful to report
      }
    }
  }

  @Override
  public void close() {
    closeAll();
  }

  /** Closes every object still held, at the end of a call. */
  void closeAll() {
    for (Integer rep : new java.util.ArrayList<>(entries.keySet())) {
      drop(rep);
    }
  }
}
