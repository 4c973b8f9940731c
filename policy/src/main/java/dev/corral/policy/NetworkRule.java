package dev.corral.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code permissions.network.allow} or {@code deny} entry: a target, optionally narrowed to
 * some ports and schemes (an empty list or set means any).
 */
public record NetworkRule(NetworkTarget target, List<PortRange> ports, Set<String> schemes) {
  /** The schemes a rule may name: HTTP(S) requests and raw socket connections. */
  public static final Set<String> KNOWN_SCHEMES = Set.of("http", "https", "tcp", "udp");

  public NetworkRule {
    Objects.requireNonNull(target, "target");
    ports = List.copyOf(ports);
    schemes = Set.copyOf(schemes);
  }

  public static NetworkRule of(NetworkTarget target) {
    return new NetworkRule(target, List.of(), Set.of());
  }

  /** True if this rule applies to {@code request}. */
  public boolean matches(NetworkRequest request) {
    if (!schemes.isEmpty() && !schemes.contains(request.scheme())) {
      return false;
    }
    if (!ports.isEmpty() && ports.stream().noneMatch(p -> p.contains(request.port()))) {
      return false;
    }
    return targetMatches(request.host(), request.address());
  }

  /** True if the target names the host or the address (ignoring ports and schemes). */
  boolean targetMatches(Optional<String> host, Optional<InetAddress> address) {
    return switch (target) {
      case HostPattern pattern ->
          host.map(pattern::matchesName).orElse(false)
              || address.map(pattern::matchesAddress).orElse(false);
      case CidrRange range ->
          address.map(range::contains).orElse(false)
              || host.flatMap(IpLiterals::parse).map(range::contains).orElse(false);
      case DefaultHosts defaults -> host.map(defaults::matchesName).orElse(false);
    };
  }

  /** True if the rule has neither port nor scheme restrictions. */
  boolean unrestricted() {
    return ports.isEmpty() && schemes.isEmpty();
  }

  /** A short description such as {@code *.example.com ports 443 schemes https}. */
  public String describe() {
    StringBuilder text = new StringBuilder(target.text());
    if (!ports.isEmpty()) {
      text.append(" ports ").append(String.join(",", ports.stream().map(PortRange::text).toList()));
    }
    if (!schemes.isEmpty()) {
      text.append(" schemes ").append(String.join(",", schemes.stream().sorted().toList()));
    }
    return text.toString();
  }
}
