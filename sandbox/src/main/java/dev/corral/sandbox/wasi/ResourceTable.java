package dev.corral.sandbox.wasi;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * The host-side objects behind one resource type's representations, for one call. The guest may
 * hold at most {@code maxLive} of them at once: one more ends the call with a limit, so a guest
 * cannot make the host keep an unbounded number of objects.
 */
final class ResourceTable<T> implements AutoCloseable {
  /** The most objects of one resource type a call may hold at once, unless a table says fewer. */
  static final int MAX_LIVE = 1024;

  private final String name;
  private final int maxLive;
  private final WasiContext ctx;
  private final Map<Integer, T> entries = new HashMap<>();
  private ResourceType type;
  private int next = 1;

  ResourceTable(String name, WasiContext ctx) {
    this(name, MAX_LIVE, ctx);
  }

  ResourceTable(String name, int maxLive, WasiContext ctx) {
    this.name = name;
    this.maxLive = maxLive;
    this.ctx = ctx;
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

  /**
   * Stores {@code object} and returns an owning handle to hand to the guest.
   *
   * @throws ComponentTrap ending the call (reason {@code LIMIT}) if the guest already holds {@code
   *     maxLive} of them
   */
  HandleValue add(T object) throws ComponentTrap {
    if (entries.size() >= maxLive) {
      throw ctx.limitHit(
          "resource limit: the guest holds more than "
              + maxLive
              + " "
              + name
              + " resources at once");
    }
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
