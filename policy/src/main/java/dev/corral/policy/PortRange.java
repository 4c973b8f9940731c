package dev.corral.policy;

/**
 * An inclusive range of TCP/UDP ports, {@code 1..65535}; a single port has {@code first == last}.
 */
public record PortRange(int first, int last) {
  public PortRange {
    if (first < 1 || last > 65535 || first > last) {
      throw new IllegalArgumentException(
          "port range must lie in 1..65535 with first <= last: " + first + "-" + last);
    }
  }

  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  public boolean contains(int port) {
    return port >= first && port <= last;
  }

  /** {@code 443} or {@code 8000-8100}. */
  public String text() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
