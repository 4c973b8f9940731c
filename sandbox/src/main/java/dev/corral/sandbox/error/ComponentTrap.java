package dev.corral.sandbox.error;

/**
 * A call trapped: the guest executed {@code unreachable}, broke a canonical ABI rule (invalid
 * UTF-8, out-of-bounds pointer, bad handle), or a host function failed. The instance must not be
 * used again.
 */
public final class ComponentTrap extends ComponentException {
  private static final long serialVersionUID = 1L;

  public ComponentTrap(String message) {
    super(message);
  }

  public ComponentTrap(String message, Throwable cause) {
    super(message, cause);
  }
}
