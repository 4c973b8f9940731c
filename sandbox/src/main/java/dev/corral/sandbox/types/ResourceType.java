package dev.corral.sandbox.types;

import java.util.Objects;

/**
 * A resource type. Resource types are generative: two resource types are the same only if they are
 * the same object, so this class deliberately keeps identity equality.
 */
public final class ResourceType {
  private final String name;

  /** A fresh resource type; {@code name} is for messages only. */
  public ResourceType(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The name the resource was declared or imported with, for messages. */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "resource " + name;
  }
}
