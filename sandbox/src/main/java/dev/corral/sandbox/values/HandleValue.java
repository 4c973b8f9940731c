package dev.corral.sandbox.values;

import dev.corral.sandbox.types.ResourceType;
import java.util.Objects;

/**
 * A resource handle held by the host: the resource type and its representation. {@code owned} tells
 * an {@code own} (which the host must eventually pass on or drop) from a {@code borrow}.
 */
public record HandleValue(ResourceType resource, int rep, boolean owned) implements Value {
  public HandleValue {
    Objects.requireNonNull(resource, "resource");
  }
}
