package dev.corral.sandbox.binary;

/** A component binary is malformed: the message names the byte offset and what was expected. */
public final class ComponentDecodeException extends Exception {
  private static final long serialVersionUID = 1L;
  private final long offset;

  public ComponentDecodeException(long offset, String message) {
    super("at byte offset " + offset + ": " + message);
    this.offset = offset;
  }

  /** The byte offset in the binary where decoding failed. */
  public long offset() {
    return offset;
  }
}
