package dev.corral.sandbox.binary;

/** A component binary is malformed: the message names the byte offset and what was expected. */
public final class ComponentDecodeException extends Exception {
  private static final long serialVersionUID = 1L;
  private final long offset;
  private final String reason;

  public ComponentDecodeException(long offset, String message) {
    super("at byte offset " + offset + ": " + message);
    this.offset = offset;
    this.reason = message;
  }

  /** The byte offset in the binary where decoding failed. */
  public long offset() {
    return offset;
  }

  /** What was wrong, without the offset. */
  public String reason() {
    return reason;
  }

  /**
   * This error for bytes that start at {@code base} in the binary, with {@code context} before the
   * reason.
   */
  ComponentDecodeException at(long base, String context) {
    return new ComponentDecodeException(offset + base, context + reason);
  }
}
