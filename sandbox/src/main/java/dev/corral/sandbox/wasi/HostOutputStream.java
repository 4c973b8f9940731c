package dev.corral.sandbox.wasi;

import dev.corral.sandbox.error.ComponentTrap;

/** The host side of a {@code wasi:io/streams.output-stream}. */
interface HostOutputStream extends AutoCloseable {
  /** How many bytes the guest may write now. */
  long checkWrite() throws StreamException;

  void write(byte[] bytes) throws StreamException, ComponentTrap;

  default void flush() throws StreamException {}

  @Override
  default void close() {}
}
