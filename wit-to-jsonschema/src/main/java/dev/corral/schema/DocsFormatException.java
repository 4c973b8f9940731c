package dev.corral.schema;

/** A {@code package-docs} custom section that cannot be read. */
public final class DocsFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public DocsFormatException(String message) {
    super(message);
  }

  public DocsFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
