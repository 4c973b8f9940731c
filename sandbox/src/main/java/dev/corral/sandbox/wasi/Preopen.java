package dev.corral.sandbox.wasi;

import dev.corral.sandbox.capability.DirectoryGrant;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A granted directory, opened for one call, and the only way to reach files under it. Paths are
 * resolved on the host one component at a time, openat-style: each directory is opened relative to
 * its parent's open handle with {@code NOFOLLOW_LINKS} (a {@link SecureDirectoryStream}), so a
 * directory swapped for a symbolic link mid-walk fails instead of being followed. Symbolic links
 * met on the way are expanded by the host: absolute targets are refused, relative targets are
 * walked like any path, and no walk may climb above the descriptor it starts from.
 */
final class Preopen implements AutoCloseable {
  /** The most symbolic links one resolution follows, as Linux's {@code MAXSYMLINKS}. */
  static final int MAX_SYMLINKS = 40;

  final Path root;
  private final Path requested;
  final String guestPath;
  final boolean writable;
  private final SecureDirectoryStream<Path> rootStream;

  private Preopen(
      Path root,
      Path requested,
      String guestPath,
      boolean writable,
      SecureDirectoryStream<Path> rootStream) {
    this.root = root;
    this.requested = requested;
    this.guestPath = guestPath;
    this.writable = writable;
    this.rootStream = rootStream;
  }

  /** Opens a grant's directory; fails if it is missing or the platform lacks openat support. */
  static Preopen open(DirectoryGrant grant) throws IOException {
    Path root = grant.hostPath().toRealPath();
    return new Preopen(
        root,
        requested(grant),
        grant.guestPath(),
        grant.writable(),
        secure(Files.newDirectoryStream(root), root));
  }

  /**
   * Opens the grants of one call, in their order. A grant inside another writable grant of the call
   * is opened from that grant's open handle, one directory at a time without following links
   * ({@code RESOLVE_BENEATH} and {@code RESOLVE_NO_SYMLINKS} in openat2's terms): a link there may
   * have been made by a guest, so the grant fails instead of leading where the link points. Other
   * grants are the user's paths and are opened as named.
   */
  static List<Preopen> openAll(List<DirectoryGrant> grants) throws IOException {
    Preopen[] opened = new Preopen[grants.size()];
    // outer directories first (fewer names), so that a nested grant finds them open
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < grants.size(); i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparingInt(i -> requested(grants.get(i)).getNameCount()));
    try {
      for (int i : order) {
        DirectoryGrant grant = grants.get(i);
        Preopen outer = enclosingWritable(requested(grant), opened);
        opened[i] = outer == null ? open(grant) : openBeneath(outer, grant);
      }
      return List.of(opened);
    } catch (IOException | RuntimeException e) {
      for (Preopen p : opened) {
        if (p != null) {
          try {
            p.close();
          } catch (IOException ignored) {
            // closing what was opened before the failure
          }
        }
      }
      throw e;
    }
  }

  private static Path requested(DirectoryGrant grant) {
    return grant.hostPath().toAbsolutePath().normalize();
  }

  /** The deepest opened writable grant strictly containing {@code path} (by name or real path). */
  private static Preopen enclosingWritable(Path path, Preopen[] opened) {
    Preopen best = null;
    for (Preopen p : opened) {
      if (p != null
          && p.writable
          && !p.base(path).equals(path)
          && path.startsWith(p.base(path))
          && (best == null || p.base(path).getNameCount() > best.base(path).getNameCount())) {
        best = p;
      }
    }
    return best;
  }

  /** The grant's path as named when {@code path} lies under it, else its real path. */
  private Path base(Path path) {
    return path.startsWith(requested) ? requested : root;
  }

  private static Preopen openBeneath(Preopen outer, DirectoryGrant grant) throws IOException {
    Path path = requested(grant);
    List<String> walked = new ArrayList<>();
    SecureDirectoryStream<Path> dir = outer.rootStream;
    try {
      for (Path name : outer.base(path).relativize(path)) {
        BasicFileAttributes a = lstat(dir, name.toString());
        walked.add(name.toString());
        if (a == null) {
          throw new java.nio.file.NoSuchFileException(outer.hostPath(walked).toString());
        }
        if (a.isSymbolicLink()) {
          throw new IOException(
              "the grant "
                  + path
                  + " is reached through the symbolic link "
                  + outer.hostPath(walked)
                  + " inside the writable grant "
                  + outer.root
                  + "; a guest may have made it, so it is not followed"
                  + " (grant the directory it leads to instead)");
        }
        // openat(O_NOFOLLOW | O_DIRECTORY): fails if the name has just become a link
        SecureDirectoryStream<Path> next = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        if (dir != outer.rootStream) {
          dir.close();
        }
        dir = next;
      }
      return new Preopen(outer.hostPath(walked), path, grant.guestPath(), grant.writable(), dir);
    } catch (IOException | RuntimeException e) {
      if (dir != outer.rootStream) {
        dir.close();
      }
      throw e;
    }
  }

  private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream, Path root)
      throws IOException {
    if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
      stream.close();
      throw new IOException(
          "this platform cannot open directories openat-style (no SecureDirectoryStream): "
              + "refusing to grant "
              + root);
    }
    return secure;
  }

  /**
   * Where a path leads: the open directory that holds it, the location of that directory below the
   * root, and the last name in it (null when the path names that directory itself). Close it to
   * release the directories opened on the way.
   */
  static final class Resolved implements AutoCloseable {
    final List<String> dirComponents;
    final String name;
    final BasicFileAttributes attributes;
    private final Deque<SecureDirectoryStream<Path>> opened;

    private Resolved(
        List<String> dirComponents,
        String name,
        BasicFileAttributes attributes,
        Deque<SecureDirectoryStream<Path>> opened) {
      this.dirComponents = dirComponents;
      this.name = name;
      this.attributes = attributes;
      this.opened = opened;
    }

    /** The open directory holding {@link #name}. */
    SecureDirectoryStream<Path> dir() {
      return opened.peek();
    }

    /** Whether something exists at the path (without following a final symbolic link). */
    boolean exists() {
      return attributes != null;
    }

    /** The location of the target below the root. */
    List<String> components() {
      List<String> all = new ArrayList<>(dirComponents);
      if (name != null) {
        all.add(name);
      }
      return all;
    }

    @Override
    public void close() {
      // the bottom of the stack is the preopen's own stream, closed with the preopen
      while (opened.size() > 1) {
        try {
          opened.pop().close();
        } catch (IOException ignored) {
          // nothing to do about a failing close of a directory handle
        }
      }
    }
  }

  /** The host path of a location below the root (for the few operations done by path). */
  Path hostPath(List<String> components) {
    Path p = root;
    for (String c : components) {
      p = p.resolve(c);
    }
    return p;
  }

  /**
   * Resolves {@code path} relative to the directory at {@code base} (components below the root).
   * Intermediate symbolic links are always followed (checked); a final one only when {@code
   * followFinal}.
   */
  Resolved resolve(List<String> base, String path, boolean followFinal) throws FsError {
    if (path.isEmpty()) {
      throw new FsError(FsError.Code.NO_ENTRY, "empty path");
    }
    if (path.startsWith("/")) {
      throw new FsError(FsError.Code.NOT_PERMITTED, "absolute path '" + path + "' refused");
    }
    if (path.indexOf('\0') >= 0) {
      throw new FsError(FsError.Code.ILLEGAL_BYTE_SEQUENCE, "path contains NUL");
    }
    Deque<SecureDirectoryStream<Path>> opened = new ArrayDeque<>();
    opened.push(rootStream);
    List<String> stack = new ArrayList<>();
    boolean done = false;
    try {
      for (String c : base) {
        descend(opened, stack, c);
      }
      int floor = stack.size();
      Deque<String> pending = new ArrayDeque<>(split(path));
      boolean endsWithSlash = path.endsWith("/");
      int links = 0;
      while (!pending.isEmpty()) {
        String c = pending.pollFirst();
        boolean last = pending.isEmpty();
        if (c.equals("..")) {
          if (stack.size() <= floor) {
            throw new FsError(
                FsError.Code.NOT_PERMITTED, "path '" + path + "' leads outside its directory");
          }
          stack.remove(stack.size() - 1);
          opened.pop().close();
          continue;
        }
        BasicFileAttributes attrs = lstat(opened.peek(), c);
        if (attrs != null && attrs.isSymbolicLink() && (!last || followFinal || endsWithSlash)) {
          if (++links > MAX_SYMLINKS) {
            throw new FsError(FsError.Code.LOOP, "too many symbolic links in '" + path + "'");
          }
          String target = readLink(stack, c);
          if (target.startsWith("/")) {
            throw new FsError(
                FsError.Code.NOT_PERMITTED, "symbolic link '" + c + "' has an absolute target");
          }
          List<String> parts = split(target);
          for (int i = parts.size() - 1; i >= 0; i--) {
            pending.addFirst(parts.get(i));
          }
          continue;
        }
        if (last) {
          if (endsWithSlash && attrs != null && !attrs.isDirectory()) {
            throw new FsError(FsError.Code.NOT_DIRECTORY, "'" + path + "' is not a directory");
          }
          done = true;
          return new Resolved(List.copyOf(stack), c, attrs, opened);
        }
        if (attrs == null) {
          throw new FsError(FsError.Code.NO_ENTRY, "no '" + c + "' on the way to '" + path + "'");
        }
        if (!attrs.isDirectory()) {
          throw new FsError(
              FsError.Code.NOT_DIRECTORY,
              "'" + c + "' on the way to '" + path + "' is not a directory");
        }
        descend(opened, stack, c);
      }
      // the path named a directory itself ("." or "a/..")
      done = true;
      BasicFileAttributes self =
          opened.peek().getFileAttributeView(BasicFileAttributeView.class).readAttributes();
      return new Resolved(List.copyOf(stack), null, self, opened);
    } catch (IOException e) {
      throw FsError.of(e);
    } finally {
      if (!done) {
        new Resolved(stack, null, null, opened).close();
      }
    }
  }

  private static void descend(
      Deque<SecureDirectoryStream<Path>> opened, List<String> stack, String name)
      throws IOException {
    // openat(O_NOFOLLOW | O_DIRECTORY): fails if the name is (or has just become) a symbolic link
    opened.push(opened.peek().newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS));
    stack.add(name);
  }

  /** Attributes of {@code name} in {@code dir} without following links; null if missing. */
  static BasicFileAttributes lstat(SecureDirectoryStream<Path> dir, String name)
      throws IOException {
    try {
      return dir.getFileAttributeView(
              Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  private String readLink(List<String> dir, String name) throws IOException {
    // Only the link's text is read by path; whatever it says is walked and checked like any path.
    return Files.readSymbolicLink(hostPath(dir).resolve(name)).toString();
  }

  static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty() && !p.equals(".")) {
        parts.add(p);
      }
    }
    return parts;
  }

  /** Opens the directory at {@code components} below the root (for listing). */
  SecureDirectoryStream<Path> openDirectory(List<String> components) throws FsError {
    Deque<SecureDirectoryStream<Path>> opened = new ArrayDeque<>();
    opened.push(rootStream);
    List<String> stack = new ArrayList<>();
    try {
      for (String c : components) {
        descend(opened, stack, c);
      }
      SecureDirectoryStream<Path> result =
          opened.peek().newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS);
      return result;
    } catch (IOException e) {
      throw FsError.of(e);
    } finally {
      new Resolved(stack, null, null, opened).close();
    }
  }

  @Override
  public void close() throws IOException {
    rootStream.close();
  }
}
