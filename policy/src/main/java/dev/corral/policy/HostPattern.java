package dev.corral.policy;

import java.net.IDN;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A host a network rule names: an exact name ({@code api.example.com}), a wildcard ({@code
 * *.example.com}, matching any name with at least one more label in front, such as {@code
 * a.example.com} or {@code a.b.example.com}, but not {@code example.com} itself), an IP literal
 * ({@code 127.0.0.1}, {@code ::1}), or {@code *} (any host and any address). Names compare
 * case-insensitively, without a trailing dot, internationalized names in their ASCII (punycode)
 * form.
 *
 * @param text the normalized pattern
 */
public record HostPattern(String text) implements NetworkTarget {
  public HostPattern {
    Objects.requireNonNull(text, "text");
  }

  /**
   * Parses and normalizes a host pattern.
   *
   * @throws IllegalArgumentException with a message fit for a user
   */
  public static HostPattern parse(String raw) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (raw.equals("*")) {
      return new HostPattern("*");
    }
    Optional<InetAddress> literal = IpLiterals.parse(raw);
    if (literal.isPresent()) {
      return new HostPattern(IpLiterals.format(literal.get()));
    }
    boolean wildcard = raw.startsWith("*.");
    String name = wildcard ? raw.substring(2) : raw;
    if (name.contains("*")) {
      throw new IllegalArgumentException(
          "a wildcard may only be a leading '*.' label, as in *.example.com");
    }
    String normalized = normalizeName(name);
    if (wildcard && !normalized.contains(".")) {
      throw new IllegalArgumentException(
          "'*."
              + name
              + "' would match every name under a top-level domain; name a registrable domain");
    }
    return new HostPattern(wildcard ? "*." + normalized : normalized);
  }

  /** Lower-cased ASCII form of a DNS name, without a trailing dot; rejects malformed names. */
  static String normalizeName(String name) {
    String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("host name is empty");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(trimmed).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "' is not a valid host name");
    }
    if (ascii.length() > 253) {
      throw new IllegalArgumentException("host name is longer than 253 characters");
    }
    for (String label : ascii.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        throw new IllegalArgumentException("'" + name + "' has an empty or over-long label");
      }
      if (!label
          .chars()
          .allMatch(
              c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        throw new IllegalArgumentException(
            "'"
                + name
                + "' is not a host name (letters, digits, '-', '_' and '.' only; no scheme, port or path)");
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw new IllegalArgumentException(
            "'" + name + "' has a label starting or ending with '-'");
      }
    }
    String last = ascii.substring(ascii.lastIndexOf('.') + 1);
    if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "'" + name + "' looks like an IPv4 address but is not a valid one");
    }
    return ascii;
  }

  /** True for {@code *}. */
  public boolean isAny() {
    return text.equals("*");
  }

  /** True for {@code *.suffix} patterns. */
  public boolean isWildcard() {
    return text.startsWith("*.");
  }

  /** The address, if this pattern is an IP literal. */
  public Optional<InetAddress> literal() {
    return isAny() || isWildcard() ? Optional.empty() : IpLiterals.parse(text);
  }

  /** True if this pattern names the host {@code name} (a DNS name or an IP literal, any case). */
  public boolean matchesName(String name) {
    if (isAny()) {
      return true;
    }
    Optional<InetAddress> asLiteral = IpLiterals.parse(name);
    if (asLiteral.isPresent()) {
      return matchesAddress(asLiteral.get());
    }
    String normalized;
    try {
      normalized = normalizeName(name);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (isWildcard()) {
      String suffix = text.substring(1); // ".example.com"
      return normalized.endsWith(suffix) && normalized.length() > suffix.length();
    }
    return normalized.equals(text);
  }

  /** True if this pattern is {@code *} or the IP literal equal to {@code address}. */
  public boolean matchesAddress(InetAddress address) {
    if (isAny()) {
      return true;
    }
    return literal().map(l -> IpLiterals.unmap(l).equals(IpLiterals.unmap(address))).orElse(false);
  }
}
