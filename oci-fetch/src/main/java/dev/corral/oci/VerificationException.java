package dev.corral.oci;

/**
 * An artifact was refused because its content or signature could not be verified: a digest
 * mismatch, a missing signature, or a signature made with a key the trust policy does not name.
 */
public final class VerificationException extends OciException {
  private static final long serialVersionUID = 1L;

  public VerificationException(String message) {
    super(message);
  }

  public VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
