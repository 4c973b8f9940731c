package dev.corral.sandbox.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the symbolic links a guest makes inside their preopen: a link's target, read from the
 * directory that holds the link, may not climb above the preopen's root, and may climb only before
 * its first name (see {@link #staysInside}). Checked where {@code symlink-at} creates a link and
 * wherever {@code rename-at} moves one, alone or inside a directory; both run under {@link
 * LinkMutations}, so no concurrent call changes the tree between the check and the act. (Links are
 * also checked again whenever they are followed, see {@link Preopen}.)
 */
final class LinkConfinement {
  /** The most entries a rename walks to check the links inside a directory it moves up. */
  static final int MAX_ENTRIES_CHECKED = 10_000;

  private LinkConfinement() {}

  /**
   * Whether {@code target}, read in a directory {@code depth} levels below the root, stays at or
   * below the root however the tree changes later: not absolute, every {@code ..} before the first
   * name, and no more of them than {@code depth}. A {@code ..} after a name is refused even when it
   * climbs back lexically: the name may be (or later become) a link, and the system then climbs
   * from where that link leads ({@code s/..} with {@code s -> ..} is the root's parent). With this
   * form the first {@code ..}s climb through real directories to a real ancestor inside the root,
   * and every name after them descends from it (a link met there is in the same form).
   */
  static boolean staysInside(int depth, String target) {
    if (target.startsWith("/")) {
      return false;
    }
    boolean named = false;
    for (String part : Preopen.split(target)) {
      if (part.equals("..")) {
        if (named || --depth < 0) {
          return false;
        }
      } else {
        named = true;
      }
    }
    return true;
  }

  /**
   * Refuses ({@code not-permitted}) to move {@code source} into a directory {@code newDepth} levels
   * below the root if a link would then lead outside: the source itself when it is a link, or any
   * link below it when it is a directory moved to a shallower place (moving deeper only shortens
   * every climb). The walk opens each directory relative to its parent's handle, without following
   * links, and gives up (refusing) after {@link #MAX_ENTRIES_CHECKED} entries.
   */
  static void checkMove(Preopen preopen, Preopen.Resolved source, int newDepth, String from)
      throws FsError, IOException {
    if (source.attributes.isSymbolicLink()) {
      String target = readLink(preopen, source.components());
      if (!staysInside(newDepth, target)) {
        throw new FsError(
            FsError.Code.NOT_PERMITTED,
            "renaming '" + from + "' there would make its target '" + target + "' lead outside");
      }
      return;
    }
    if (!source.attributes.isDirectory() || newDepth >= source.dirComponents.size()) {
      return;
    }
    try (SecureDirectoryStream<Path> dir =
        source.dir().newDirectoryStream(Path.of(source.name), LinkOption.NOFOLLOW_LINKS)) {
      new Walk(preopen, from).check(dir, source.components(), List.of(), newDepth + 1);
    }
  }

  private static String readLink(Preopen preopen, List<String> components) throws IOException {
    // Java has no readlinkat: the text is read by path (see ByPathOperations for the residual)
    return Files.readSymbolicLink(preopen.hostPath(components)).toString();
  }

  /** A bounded walk of a directory about to move, checking each link at its new depth. */
  private static final class Walk {
    private final Preopen preopen;
    private final String from;
    private int entries;

    Walk(Preopen preopen, String from) {
      this.preopen = preopen;
      this.from = from;
    }

    /** Checks {@code dir} (now at {@code location}), which will lie {@code depth} levels deep. */
    void check(
        SecureDirectoryStream<Path> dir, List<String> location, List<String> relative, int depth)
        throws FsError, IOException {
      List<String> names = new ArrayList<>();
      try {
        for (Path child : dir) {
          if (++entries > MAX_ENTRIES_CHECKED) {
            throw new FsError(
                FsError.Code.NOT_PERMITTED,
                "'"
                    + from
                    + "' holds more than "
                    + MAX_ENTRIES_CHECKED
                    + " entries, too many to check its symbolic links before moving it up");
          }
          names.add(child.getFileName().toString());
        }
      } catch (java.nio.file.DirectoryIteratorException e) {
        throw e.getCause();
      }
      for (String name : names) {
        BasicFileAttributes a = Preopen.lstat(dir, name);
        if (a == null) {
          continue;
        }
        List<String> childLocation = append(location, name);
        List<String> childRelative = append(relative, name);
        if (a.isSymbolicLink()) {
          String target = readLink(preopen, childLocation);
          if (!staysInside(depth, target)) {
            throw new FsError(
                FsError.Code.NOT_PERMITTED,
                "renaming '"
                    + from
                    + "' there would make the target '"
                    + target
                    + "' of its link '"
                    + String.join("/", childRelative)
                    + "' lead outside");
          }
        } else if (a.isDirectory()) {
          try (SecureDirectoryStream<Path> sub =
              dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS)) {
            check(sub, childLocation, childRelative, depth + 1);
          }
        }
      }
    }

    private static List<String> append(List<String> list, String name) {
      List<String> out = new ArrayList<>(list);
      out.add(name);
      return out;
    }
  }
}
