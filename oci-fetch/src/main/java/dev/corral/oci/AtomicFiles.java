package dev.corral.oci;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Replaces a file so that readers see its old content or its new content, never a part, and the new
 * content is on disk when this returns: a temporary file is written, forced to disk, renamed over
 * the file (atomically), and the directory is forced.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the temporary file; what it throws ends the replacement with the file untouched. */
  @FunctionalInterface
  interface Contents<E extends Exception> {
    void writeTo(Path temporary) throws IOException, E;
  }

  /**
   * Replaces {@code file} with {@code bytes}, through a temporary {@code .NAME.*.partial} beside
   * it.
   */
  static void write(Path file, byte[] bytes) throws IOException {
    write(
        file,
        file.toAbsolutePath().getParent(),
        ".partial",
        temporary -> Files.write(temporary, bytes));
  }

  /**
   * Replaces {@code file} with what {@code contents} writes into a temporary file created in {@code
   * temporaryDirectory} (on the file's file system) with the suffix {@code suffix}. The temporary
   * file is deleted on every failure.
   *
   * @throws java.nio.file.AtomicMoveNotSupportedException if the file system cannot rename
   *     atomically
   */
  static <E extends Exception> void write(
      Path file, Path temporaryDirectory, String suffix, Contents<E> contents)
      throws IOException, E {
    Path temporary =
        Files.createTempFile(temporaryDirectory, "." + file.getFileName() + ".", suffix);
    try {
      contents.writeTo(temporary);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    syncDirectory(file.toAbsolutePath().getParent());
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, Set.of(StandardOpenOption.READ))) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open or sync directories; the rename itself is still atomic.
    }
  }
}
