package dev.corral.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The paths an {@code fs://} URI names. A pattern is a literal {@link #root()} directory followed
 * by zero or more glob segments: {@code *} inside a segment matches any run of characters except
 * {@code /}; a segment that is exactly {@code **} matches any number (zero or more) of segments. A
 * pattern covers every path it names <em>and everything beneath those paths</em>, so {@code
 * fs:///data} and {@code fs:///data/**} both cover {@code /data} and its whole subtree, while
 * {@code fs:///data/*} covers the subtrees of the children of {@code /data} but not {@code /data}
 * itself. Matching is lexical on normalized absolute paths; it never touches the filesystem.
 */
public record PathPattern(Path root, List<String> glob) {
  public PathPattern {
    Objects.requireNonNull(root, "root");
    if (!root.isAbsolute()) {
      throw new IllegalArgumentException("root must be absolute: " + root);
    }
    glob = List.copyOf(glob);
  }

  /**
   * Parses an {@code fs://} URI. {@code fs:///abs/path} is absolute; {@code fs://rel/path} is
   * resolved against {@code baseDirectory} (the directory of the policy file, as Wassette does).
   *
   * @throws IllegalArgumentException with a message fit for a user, if the URI is malformed
   */
  public static PathPattern parse(String uri, Path baseDirectory) {
    if (!uri.startsWith("fs://")) {
      throw new IllegalArgumentException("storage URI must start with fs://");
    }
    String rest = uri.substring("fs://".length());
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("storage URI has no path after fs://");
    }
    if (rest.indexOf('\0') >= 0 || rest.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("storage URI must not contain NUL or backslash");
    }
    if (rest.equals("~") || rest.startsWith("~/")) {
      throw new IllegalArgumentException(
          "'~' is not expanded in storage URIs; write the absolute path");
    }
    if (rest.contains("?") || rest.contains("#")) {
      throw new IllegalArgumentException("storage URI must not contain a query or fragment");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : rest.split("/", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("storage URI must not contain '.' or '..' segments");
      }
      if (segment.contains("**") && !segment.equals("**")) {
        throw new IllegalArgumentException("'**' must be a whole path segment");
      }
      segments.add(segment);
    }
    Path root = rest.startsWith("/") ? Path.of("/") : baseDirectory.toAbsolutePath().normalize();
    int i = 0;
    while (i < segments.size() && !segments.get(i).contains("*")) {
      root = root.resolve(segments.get(i));
      i++;
    }
    List<String> glob = segments.subList(i, segments.size());
    for (int j = 1; j < glob.size(); j++) {
      if (glob.get(j).equals("**") && glob.get(j - 1).equals("**")) {
        throw new IllegalArgumentException("'**/**' is redundant; write a single '**'");
      }
    }
    return new PathPattern(root.normalize(), glob);
  }

  /**
   * True if {@code path} (absolute; it is normalized first) is named by this pattern or lies
   * beneath a path it names.
   */
  public boolean covers(Path path) {
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("path must be absolute: " + path);
    }
    Path normalized = path.normalize();
    if (!normalized.startsWith(root)) {
      return false;
    }
    Path relative = root.relativize(normalized);
    List<String> names = new ArrayList<>();
    for (Path name : relative) {
      if (!name.toString().isEmpty()) {
        names.add(name.toString());
      }
    }
    return coversFrom(0, names, 0);
  }

  /** True if this pattern may cover {@code dir} or some path beneath it (absolute, normalized). */
  boolean mayReachInto(Path dir) {
    if (root.startsWith(dir)) {
      return true;
    }
    if (!dir.startsWith(root)) {
      return false;
    }
    List<String> names = new ArrayList<>();
    for (Path name : root.relativize(dir)) {
      if (!name.toString().isEmpty()) {
        names.add(name.toString());
      }
    }
    int g = 0;
    for (String name : names) {
      if (g == glob.size() || glob.get(g).equals("**")) {
        return true;
      }
      if (!segmentMatches(glob.get(g), name)) {
        return false;
      }
      g++;
    }
    return true;
  }

  private boolean coversFrom(int g, List<String> names, int n) {
    if (g == glob.size()) {
      return true; // the pattern named an ancestor (or the path itself): everything beneath is
      // covered
    }
    String segment = glob.get(g);
    if (segment.equals("**")) {
      for (int k = n; k <= names.size(); k++) {
        if (coversFrom(g + 1, names, k)) {
          return true;
        }
      }
      return false;
    }
    if (n == names.size()) {
      return false;
    }
    return segmentMatches(segment, names.get(n)) && coversFrom(g + 1, names, n + 1);
  }

  static boolean segmentMatches(String pattern, String name) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(name);
    }
    String[] parts = pattern.split("\\*", -1);
    if (!name.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = name.indexOf(parts[i], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return name.length() - at >= last.length() && name.endsWith(last);
  }
}
