package dev.corral.sandbox.runtime;

import dev.corral.sandbox.types.ResourceType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Everything shared by the component instances of one top-level instantiation: the poison flag, the
 * implementation of every resource type and the handles held outside the instances.
 */
final class Store {
  final InstanceState state = new InstanceState();
  final InstanceLimits limits;
  final HostHandles hostHandles = new HostHandles();
  private final Map<ResourceType, ResourceImpl> resources = new IdentityHashMap<>();

  Store(InstanceLimits limits) {
    this.limits = limits;
  }

  void register(ResourceType type, ResourceImpl impl) {
    resources.put(type, impl);
  }

  /** The implementation of {@code type}, or null for an abstract resource nobody implements. */
  ResourceImpl impl(ResourceType type) {
    return resources.get(type);
  }
}
