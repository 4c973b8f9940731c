package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource handles a component instance holds. Index 0 is never used, so that a zero handle is
 * always invalid; freed slots are reused. Every misuse is a trap.
 */
final class HandleTable {
  /** The most handles one instance may hold at once. */
  static final int MAX_LENGTH = 1 << 28;

  private final List<Handle> slots = new ArrayList<>();
  private final List<Integer> free = new ArrayList<>();

  HandleTable() {
    slots.add(null);
  }

  int add(Handle handle) throws ComponentTrap {
    if (!free.isEmpty()) {
      int index = free.remove(free.size() - 1);
      slots.set(index, handle);
      return index;
    }
    if (slots.size() >= MAX_LENGTH) {
      throw new ComponentTrap("handle table is full (" + MAX_LENGTH + " handles)");
    }
    slots.add(handle);
    return slots.size() - 1;
  }

  Handle get(int index) throws ComponentTrap {
    if (index <= 0 || index >= slots.size() || slots.get(index) == null) {
      throw new ComponentTrap("unknown resource handle index " + Integer.toUnsignedString(index));
    }
    return slots.get(index);
  }

  Handle remove(int index) throws ComponentTrap {
    Handle handle = get(index);
    slots.set(index, null);
    free.add(index);
    return handle;
  }

  /** The number of live handles. */
  int size() {
    return slots.size() - 1 - free.size();
  }
}
