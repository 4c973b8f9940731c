package dev.corral.schema.codec;

import java.util.Objects;

/**
 * Tool arguments that do not match the function's WIT types. The message names the JSON path (such
 * as {@code $.point.x}), the expected type and the value received.
 */
public final class ArgumentException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String expected;
  private final String received;

  /**
   * @param path the JSON path of the offending value, e.g. {@code $.items[2]}
   * @param expected what was expected there, e.g. {@code u8 (an integer from 0 to 255)}
   * @param received what was found, as short JSON text or a phrase such as {@code nothing}
   */
  public ArgumentException(String path, String expected, String received) {
    super(path + ": expected " + expected + ", got " + received);
    this.path = Objects.requireNonNull(path, "path");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.received = Objects.requireNonNull(received, "received");
  }

  /** The JSON path of the offending value. */
  public String path() {
    return path;
  }

  /** What was expected at {@link #path()}. */
  public String expected() {
    return expected;
  }

  /** What was received at {@link #path()}. */
  public String received() {
    return received;
  }
}
