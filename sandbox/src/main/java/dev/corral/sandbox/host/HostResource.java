package dev.corral.sandbox.host;

import dev.corral.sandbox.types.ResourceType;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A resource type the host implements. Its representation is an {@code int} of the host's choosing;
 * {@code destructor} runs when a guest drops the last owning handle.
 */
public record HostResource(String name, ResourceType type, IntConsumer destructor) {
  public HostResource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(destructor, "destructor");
  }
}
