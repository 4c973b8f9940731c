package dev.corral.sandbox.wasi;

/** A stream operation failed: the stream is closed, or the last operation failed. */
final class StreamException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean closed;

  private StreamException(String message, boolean closed) {
    super(message, null, false, false);
    this.closed = closed;
  }

  static StreamException closed() {
    return new StreamException("closed", true);
  }

  static StreamException failed(String message) {
    return new StreamException(message, false);
  }

  boolean isClosed() {
    return closed;
  }
}
