package dev.corral.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Whole-file replacement that readers never see half done: temp file, fsync, rename, fsync
 * directory. On any failure the old file is untouched and the temp file is deleted.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the temp file; what it throws ends the replacement with the file untouched. */
  @FunctionalInterface
  public interface Contents<E extends Exception> {
    void writeTo(Path temporary) throws IOException, E;
  }

  /** Replaces {@code file} with {@code text}; on any failure the old file is untouched. */
  static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * As {@link #write(Path, String)}; {@code ownerOnly} makes the file mode 0600 (where POSIX). A
   * symbolic link is kept: the file it points to is replaced.
   */
  static void write(Path link, byte[] bytes, boolean ownerOnly) throws IOException {
    Path file = Files.isSymbolicLink(link) ? link.toRealPath() : link;
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes =
        ownerOnly && posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    replace(
        file,
        dir,
        ".tmp",
        attributes,
        temp -> {
          if (!ownerOnly && posix && Files.exists(file)) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
          }
          try (FileChannel channel =
              FileChannel.open(
                  temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
              channel.write(buffer);
            }
          }
        });
  }

  /**
   * Replaces {@code file} with what {@code contents} writes into a temp file created in {@code
   * temporaryDirectory} (on the file's file system) whose name ends in {@code suffix}.
   */
  public static <E extends Exception> void write(
      Path file, Path temporaryDirectory, String suffix, Contents<E> contents)
      throws IOException, E {
    replace(file, temporaryDirectory, suffix, new FileAttribute<?>[0], contents);
  }

  private static <E extends Exception> void replace(
      Path file,
      Path temporaryDirectory,
      String suffix,
      FileAttribute<?>[] attributes,
      Contents<E> contents)
      throws IOException, E {
    Path dir = file.toAbsolutePath().getParent();
    Path temp =
        Files.createTempFile(
            temporaryDirectory, "." + file.getFileName() + ".", suffix, attributes);
    try {
      contents.writeTo(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the filesystem of " + dir + " cannot rename atomically", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(dir);
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, Set.of(StandardOpenOption.READ))) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open or sync directories; the rename itself is still atomic.
    }
  }
}
