package dev.corral.sandbox.runtime;

import dev.corral.sandbox.types.ResourceType;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The resource handles outside every component's handle table, that is held by the host (or in
 * flight between two components): owned handles lifted out of a component and not yet lowered into
 * one or dropped, and borrows lent out for the duration of a call. A handle the host passes in or
 * drops must be one of these, so it cannot forge a representation or drop a handle twice.
 */
final class HostHandles {
  private final Map<ResourceType, Map<Integer, Integer>> owned = new IdentityHashMap<>();
  private final Map<ResourceType, Map<Integer, Integer>> lent = new IdentityHashMap<>();

  /** An owned handle left a component's table. */
  void ownedOut(ResourceType resource, int rep) {
    add(owned, resource, rep, 1);
  }

  /**
   * Takes back an owned handle (lowered into a component, or dropped); false if there is none with
   * this representation.
   */
  boolean takeOwned(ResourceType resource, int rep) {
    return take(owned, resource, rep);
  }

  /** A borrow of {@code rep} is lent out for a call. */
  void lend(ResourceType resource, int rep) {
    add(lent, resource, rep, 1);
  }

  /** The call a borrow was lent to returned. */
  void unlend(ResourceType resource, int rep) {
    take(lent, resource, rep);
  }

  /** Whether a borrow of {@code rep} may be passed in: an owned handle or a lent borrow is held. */
  boolean mayBorrow(ResourceType resource, int rep) {
    return count(owned, resource, rep) > 0 || count(lent, resource, rep) > 0;
  }

  private static void add(
      Map<ResourceType, Map<Integer, Integer>> map, ResourceType resource, int rep, int n) {
    map.computeIfAbsent(resource, r -> new HashMap<>()).merge(rep, n, Integer::sum);
  }

  private static boolean take(
      Map<ResourceType, Map<Integer, Integer>> map, ResourceType resource, int rep) {
    Map<Integer, Integer> reps = map.get(resource);
    Integer n = reps == null ? null : reps.get(rep);
    if (n == null) {
      return false;
    }
    if (n == 1) {
      reps.remove(rep);
    } else {
      reps.put(rep, n - 1);
    }
    return true;
  }

  private static int count(
      Map<ResourceType, Map<Integer, Integer>> map, ResourceType resource, int rep) {
    Map<Integer, Integer> reps = map.get(resource);
    return reps == null ? 0 : reps.getOrDefault(rep, 0);
  }
}
