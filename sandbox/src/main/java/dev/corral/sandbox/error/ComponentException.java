package dev.corral.sandbox.error;

/** Base of the checked failures of loading, linking and running a component. */
public abstract sealed class ComponentException extends Exception
    permits LinkException, ComponentTrap {
  private static final long serialVersionUID = 1L;

  protected ComponentException(String message) {
    super(message);
  }

  protected ComponentException(String message, Throwable cause) {
    super(message, cause);
  }
}
