package dev.corral.sandbox.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The directory operations Java offers only by path (it has no {@code mkdirat}, {@code symlinkat}
 * or {@code readlinkat}): each acts on the host path of the directory the walk opened, then checks
 * through that directory's open handle that the object it made (or read) is the one in the walked
 * directory, comparing file keys (device and inode). If not, the path no longer led into the walked
 * directory (another process swapped a directory on the way for a link): what was created is
 * removed and the guest gets {@code not-permitted}.
 *
 * <p>Residual: a process that swaps the directory and swaps it back within the few microseconds
 * between the operation and the check defeats it: an empty directory or a link can then be left
 * where the swapped path led, and readlink can return the text of a link there. Links are never
 * followed out anyway ({@link Preopen} checks every link it follows). A guest's concurrent calls
 * cannot use this to get out: links are created and moved only under {@link LinkMutations}, and
 * every link a guest can make leads inside its grant.
 */
final class ByPathOperations {
  private ByPathOperations() {}

  /** {@code mkdir} of {@code r.name} in the walked directory. */
  static void createDirectory(Preopen preopen, Preopen.Resolved r) throws FsError, IOException {
    Path target = preopen.hostPath(r.dirComponents).resolve(r.name);
    Files.createDirectory(target);
    confirmCreatedInside(r, target);
  }

  /**
   * {@code symlink} named {@code r.name} in the walked directory, with the text {@code linkTarget}.
   */
  static void createSymbolicLink(Preopen preopen, Preopen.Resolved r, String linkTarget)
      throws FsError, IOException {
    Path link = preopen.hostPath(r.dirComponents).resolve(r.name);
    Files.createSymbolicLink(link, Path.of(linkTarget));
    confirmCreatedInside(r, link);
  }

  /** The text of the link {@code r.name} in the walked directory. */
  static String readSymbolicLink(Preopen preopen, Preopen.Resolved r) throws FsError, IOException {
    Path link = preopen.hostPath(r.dirComponents).resolve(r.name);
    BasicFileAttributes read =
        Files.readAttributes(link, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    String text = Files.readSymbolicLink(link).toString();
    if (!sameObject(read, Preopen.lstat(r.dir(), r.name))) {
      throw new FsError(
          FsError.Code.NOT_PERMITTED,
          "the directory of '" + r.name + "' changed while it was read");
    }
    return text;
  }

  private static void confirmCreatedInside(Preopen.Resolved r, Path created)
      throws FsError, IOException {
    BasicFileAttributes made =
        Files.readAttributes(created, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!sameObject(made, Preopen.lstat(r.dir(), r.name))) {
      // the path led somewhere else: take back what was made there
      try {
        Files.deleteIfExists(created);
      } catch (IOException ignored) {
        // not empty any more, or gone: nothing more can be done safely
      }
      throw new FsError(
          FsError.Code.NOT_PERMITTED,
          "the directory of '"
              + r.name
              + "' changed while it was being created; what was created elsewhere was removed");
    }
  }

  private static boolean sameObject(
      BasicFileAttributes byPath, BasicFileAttributes inWalkedDirectory) {
    return inWalkedDirectory != null
        && byPath.fileKey() != null
        && byPath.fileKey().equals(inWalkedDirectory.fileKey());
  }
}
