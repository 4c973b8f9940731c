package dev.corral.sandbox.world;

/**
 * A component's definitions do not type-check (an index out of range, an item of the wrong sort, a
 * missing export), or use a feature Corral does not support. The message names the definition at
 * fault.
 */
public final class ComponentTypeException extends Exception {
  private static final long serialVersionUID = 1L;

  public ComponentTypeException(String message) {
    super(message);
  }
}
