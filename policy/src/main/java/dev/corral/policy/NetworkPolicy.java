package dev.corral.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The network part of a policy. A request is denied if any deny rule matches it (deny wins),
 * otherwise allowed if any allow rule matches it, otherwise denied. A rule's host pattern matches
 * the request's host name; a CIDR matches its address (or its host if that is an IP literal). When
 * both the name and the resolved address are known, a deny rule matching either denies, so {@code
 * deny: [{cidr: 169.254.0.0/16}]} also stops allowed names that resolve there.
 */
public record NetworkPolicy(List<NetworkRule> allow, List<NetworkRule> deny) {
  public static final NetworkPolicy DENY_ALL = new NetworkPolicy(List.of(), List.of());

  public NetworkPolicy {
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
  }

  /** Decides {@code request}, naming the deciding rule in the reason. */
  public Decision decide(NetworkRequest request) {
    for (int i = 0; i < deny.size(); i++) {
      if (deny.get(i).matches(request)) {
        return Decision.deny(
            request.describe()
                + " denied by permissions.network.deny["
                + i
                + "] ("
                + deny.get(i).describe()
                + ")");
      }
    }
    for (int i = 0; i < allow.size(); i++) {
      if (allow.get(i).matches(request)) {
        return Decision.allow(
            request.describe()
                + " allowed by permissions.network.allow["
                + i
                + "] ("
                + allow.get(i).describe()
                + ")");
      }
    }
    return Decision.deny(request.describe() + " denied: no permissions.network.allow rule matches");
  }

  /**
   * Decides a connection. {@code host} may be null (a socket connect to a bare address), {@code
   * address} may be null (not resolved yet); not both.
   */
  public Decision decide(String scheme, String host, int port, InetAddress address) {
    return decide(
        new NetworkRequest(scheme, Optional.ofNullable(host), port, Optional.ofNullable(address)));
  }

  /** Shorthand for {@code decide(scheme, host, port, address).allowed()}. */
  public boolean allows(String scheme, String host, int port, InetAddress address) {
    return decide(scheme, host, port, address).allowed();
  }

  /**
   * Decides a DNS lookup of {@code host}: allowed when some allow rule names the host by a host
   * pattern (or {@code defaults}), and no unrestricted deny rule names it. CIDR rules never allow a
   * lookup: resolving names is itself a channel out of the sandbox.
   */
  public Decision decideLookup(String host) {
    for (int i = 0; i < deny.size(); i++) {
      NetworkRule rule = deny.get(i);
      if (rule.unrestricted()
          && !(rule.target() instanceof CidrRange)
          && rule.targetMatches(Optional.of(host), Optional.empty())) {
        return Decision.deny(
            "lookup of "
                + host
                + " denied by permissions.network.deny["
                + i
                + "] ("
                + rule.describe()
                + ")");
      }
    }
    for (int i = 0; i < allow.size(); i++) {
      NetworkRule rule = allow.get(i);
      if (!(rule.target() instanceof CidrRange)
          && rule.targetMatches(Optional.of(host), Optional.empty())) {
        return Decision.allow(
            "lookup of "
                + host
                + " allowed by permissions.network.allow["
                + i
                + "] ("
                + rule.describe()
                + ")");
      }
    }
    return Decision.deny(
        "lookup of " + host + " denied: no permissions.network.allow host rule names it");
  }

  /**
   * Decides whether a connection may go to {@code address}, an address a sandbox treats as
   * restricted (loopback, private, link-local, metadata) after resolving {@code host}. Allowed only
   * when no deny rule matches and an allow rule matching the scheme and port names the address
   * itself: a CIDR containing it, an IP literal equal to it, or {@code localhost} (or a name under
   * {@code .localhost}) for a loopback address. Host names, wildcards, {@code *} and {@code
   * defaults} never open restricted addresses, so a name that resolves somewhere private (DNS
   * rebinding) stays out.
   */
  public Decision decideAddress(String scheme, String host, int port, InetAddress address) {
    NetworkRequest request =
        new NetworkRequest(scheme, Optional.ofNullable(host), port, Optional.of(address));
    String what = request.describe();
    for (int i = 0; i < deny.size(); i++) {
      if (deny.get(i).matches(request)) {
        return Decision.deny(
            what
                + " denied by permissions.network.deny["
                + i
                + "] ("
                + deny.get(i).describe()
                + ")");
      }
    }
    InetAddress plain = IpLiterals.unmap(address);
    for (int i = 0; i < allow.size(); i++) {
      NetworkRule rule = allow.get(i);
      boolean schemeAndPort =
          (rule.schemes().isEmpty() || rule.schemes().contains(request.scheme()))
              && (rule.ports().isEmpty() || rule.ports().stream().anyMatch(p -> p.contains(port)));
      if (!schemeAndPort) {
        continue;
      }
      boolean names =
          switch (rule.target()) {
            case CidrRange range -> range.contains(plain);
            case HostPattern pattern when pattern.literal().isPresent() ->
                pattern.matchesAddress(plain);
            case HostPattern pattern when !pattern.isAny() && !pattern.isWildcard() ->
                plain.isLoopbackAddress()
                    && (pattern.text().equals("localhost") || pattern.text().endsWith(".localhost"))
                    && host != null
                    && pattern.matchesName(host);
            default -> false;
          };
      if (names) {
        return Decision.allow(
            what + " allowed by permissions.network.allow[" + i + "] (" + rule.describe() + ")");
      }
    }
    return Decision.deny(
        what
            + " denied: no permissions.network.allow rule names this address (use a cidr or IP rule)");
  }

  /** True if no request can ever be allowed. */
  public boolean isDenyAll() {
    return allow.isEmpty();
  }
}
