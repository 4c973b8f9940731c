package dev.corral.sandbox.wasi;

/** The host side of a {@code wasi:io/streams.input-stream}. */
interface HostInputStream extends AutoCloseable {
  /** Reads up to {@code max} bytes; an empty array when nothing is available yet. */
  byte[] read(int max) throws StreamException;

  /** Like {@link #read} but waits until at least one byte or the end. */
  default byte[] blockingRead(int max) throws StreamException {
    return read(max);
  }

  @Override
  default void close() {}

  /** An input stream at its end (stdin of a tool call). */
  static HostInputStream empty() {
    return max -> {
      throw StreamException.closed();
    };
  }
}
