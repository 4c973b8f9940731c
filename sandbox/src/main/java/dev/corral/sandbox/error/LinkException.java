package dev.corral.sandbox.error;

/**
 * A component cannot be instantiated: an import the host lacks, a type mismatch, an invalid index,
 * an unsupported feature. The message names the import or definition at fault.
 */
public final class LinkException extends ComponentException {
  private static final long serialVersionUID = 1L;

  public LinkException(String message) {
    super(message);
  }

  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
