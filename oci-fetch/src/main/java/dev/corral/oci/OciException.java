package dev.corral.oci;

/**
 * Something went wrong fetching, pushing or verifying an OCI artifact; the message says what and
 * where.
 */
public class OciException extends Exception {
  private static final long serialVersionUID = 1L;

  public OciException(String message) {
    super(message);
  }

  public OciException(String message, Throwable cause) {
    super(message, cause);
  }
}
