package dev.corral.sandbox.host;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version ({@code 1.2.3}, {@code 1.0.0-rc.1}, {@code 0.2.3+build}), as interface
 * versions are written. Build metadata does not take part in compatibility or precedence.
 */
record SemVer(long major, long minor, long patch, String preRelease, String build)
    implements Comparable<SemVer> {
  private static final String NUMBER = "(0|[1-9][0-9]{0,17})";
  private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
  private static final Pattern SYNTAX =
      Pattern.compile(
          NUMBER
              + "\\."
              + NUMBER
              + "\\."
              + NUMBER
              + "(?:-("
              + IDENTIFIERS
              + "))?(?:\\+("
              + IDENTIFIERS
              + "))?");

  /** The version {@code text} spells, if it is a semantic version. */
  static Optional<SemVer> parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new SemVer(
            Long.parseLong(m.group(1)),
            Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)),
            m.group(4) == null ? "" : m.group(4),
            m.group(5) == null ? "" : m.group(5)));
  }

  /**
   * Versions with the same track are compatible: the major version from 1 on, {@code 0.minor} from
   * 0.1 on, and the exact version for 0.0.x and for pre-releases.
   */
  String track() {
    if (!preRelease.isEmpty()) {
      return major + "." + minor + "." + patch + "-" + preRelease;
    }
    if (major != 0) {
      return Long.toString(major);
    }
    if (minor != 0) {
      return "0." + minor;
    }
    return "0.0." + patch;
  }

  /**
   * Semver precedence, ignoring build metadata (pre-release identifiers compared as the spec says).
   */
  @Override
  public int compareTo(SemVer o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    String[] a = preRelease.split("\\.");
    String[] b = o.preRelease.split("\\.");
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      boolean an = a[i].chars().allMatch(Character::isDigit);
      boolean bn = b[i].chars().allMatch(Character::isDigit);
      int d =
          an && bn
              ? new BigInteger(a[i]).compareTo(new BigInteger(b[i]))
              : an ? -1 : bn ? 1 : a[i].compareTo(b[i]);
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(a.length, b.length);
  }
}
