package dev.corral.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a local file that must be a regular file (a symbolic link to one is fine), never more than
 * a limit. Its type is checked before it is opened, so a FIFO (which would block the open), a
 * device ({@code /dev/zero} never ends) or a terminal or pipe ({@code /proc/self/fd/0}) is refused
 * without being opened; after the open, the file's identity (device and inode) is compared with
 * what was checked, and the bytes are counted while reading, so a file swapped or grown in between
 * is refused rather than read. Java cannot open with {@code O_NONBLOCK}: a local process that swaps
 * the checked file for a FIFO between the check and the open can still block that open
 * (SECURITY.md, known limits).
 *
 * <p>A file that is absent, unreadable or not a regular file gets one message, so that errors do
 * not tell whether a path exists.
 */
final class LocalFile {
  private LocalFile() {}

  /**
   * The bytes of {@code file}; refused when it is not a readable regular file of at most {@code
   * limit} bytes.
   */
  static byte[] read(Path file, long limit, String what) throws OciException {
    return readIfPresent(file, limit, what).orElseThrow(() -> notReadable(file));
  }

  /** As {@link #read}, but empty when nothing is at {@code file}. */
  static Optional<byte[]> readIfPresent(Path file, long limit, String what) throws OciException {
    BasicFileAttributes checked;
    try {
      checked = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      throw notReadable(file);
    }
    if (!checked.isRegularFile()) {
      throw notReadable(file);
    }
    if (checked.size() > limit) {
      throw tooLarge(file, limit, what);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      BasicFileAttributes opened = Files.readAttributes(file, BasicFileAttributes.class);
      if (!opened.isRegularFile() || !Objects.equals(checked.fileKey(), opened.fileKey())) {
        throw new OciException(file + " changed while it was being opened");
      }
      InputStream in = Channels.newInputStream(channel);
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw tooLarge(file, limit, what);
      }
      return Optional.of(bytes);
    } catch (IOException | SecurityException e) {
      throw notReadable(file);
    }
  }

  private static OciException notReadable(Path file) {
    return new OciException(file + " is not a readable regular file");
  }

  private static OciException tooLarge(Path file, long limit, String what) {
    return new OciException(
        file + " has more than " + limit + " bytes, the most " + what + " may have");
  }
}
