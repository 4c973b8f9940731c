package dev.corral.sandbox.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/**
 * The host side of a {@code wasi:filesystem/types.descriptor}: a directory (a location below its
 * preopen, re-walked safely on each use) or an open file.
 */
final class Descriptor implements AutoCloseable {
  final Preopen preopen;
  final List<String> components;
  final boolean directory;
  final boolean readable;
  final boolean writable;
  final boolean mutateDirectory;
  private final SeekableByteChannel channel;

  Descriptor(
      Preopen preopen,
      List<String> components,
      boolean directory,
      SeekableByteChannel channel,
      boolean readable,
      boolean writable,
      boolean mutateDirectory) {
    this.preopen = preopen;
    this.components = List.copyOf(components);
    this.directory = directory;
    this.channel = channel;
    this.readable = readable;
    this.writable = writable;
    this.mutateDirectory = mutateDirectory;
  }

  /** The open file; fails for a directory. */
  SeekableByteChannel file() throws FsError {
    if (channel == null) {
      throw new FsError(FsError.Code.IS_DIRECTORY, "a directory has no file contents");
    }
    return channel;
  }

  /** Reads up to {@code max} bytes at {@code offset}; an empty array at the end. */
  synchronized byte[] readAt(long offset, int max) throws FsError {
    if (!readable) {
      throw new FsError(FsError.Code.BAD_DESCRIPTOR, "not opened for reading");
    }
    try {
      SeekableByteChannel ch = file();
      ByteBuffer buf = ByteBuffer.allocate(max);
      int n = ch instanceof FileChannel fc ? fc.read(buf, offset) : ch.position(offset).read(buf);
      if (n <= 0) {
        return new byte[0];
      }
      byte[] out = new byte[n];
      buf.flip().get(out);
      return out;
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  /** Writes at {@code offset}, or at the end when {@code offset} is negative. */
  synchronized long writeAt(long offset, byte[] data) throws FsError {
    if (!writable) {
      throw new FsError(FsError.Code.BAD_DESCRIPTOR, "not opened for writing");
    }
    try {
      SeekableByteChannel ch = file();
      ByteBuffer buf = ByteBuffer.wrap(data);
      long at = offset < 0 ? ch.size() : offset;
      while (buf.hasRemaining()) {
        at += ch instanceof FileChannel fc ? fc.write(buf, at) : ch.position(at).write(buf);
      }
      return at;
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  synchronized void truncate(long size) throws FsError {
    if (!writable) {
      throw new FsError(FsError.Code.BAD_DESCRIPTOR, "not opened for writing");
    }
    try {
      SeekableByteChannel ch = file();
      if (size < ch.size()) {
        ch.truncate(size);
      } else if (size > ch.size()) {
        writeAt(size - 1, new byte[1]);
      }
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  long size() throws FsError {
    try {
      return file().size();
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a file the guest dropped
      }
    }
  }
}
