package dev.corral.policy;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One outgoing connection a component wants to make: the {@code scheme} ({@code http}, {@code
 * https}, {@code tcp} or {@code udp}), the host name if known (HTTP requests name one, socket
 * connects usually do not), the port, and the IP address if already resolved.
 */
public record NetworkRequest(
    String scheme, Optional<String> host, int port, Optional<InetAddress> address) {
  public NetworkRequest {
    Objects.requireNonNull(scheme, "scheme");
    scheme = scheme.toLowerCase(Locale.ROOT);
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (host.isEmpty() && address.isEmpty()) {
      throw new IllegalArgumentException("a network request needs a host name or an address");
    }
  }

  /** An HTTP(S) request to a named host, before resolution. */
  public static NetworkRequest http(String scheme, String host, int port) {
    return new NetworkRequest(scheme, Optional.of(host), port, Optional.empty());
  }

  /** A socket connection to an address. */
  public static NetworkRequest socket(String scheme, InetAddress address, int port) {
    return new NetworkRequest(scheme, Optional.empty(), port, Optional.of(address));
  }

  String describe() {
    String where = host.orElseGet(() -> IpLiterals.format(address.get()));
    if (host.isPresent() && address.isPresent()) {
      where += " (" + IpLiterals.format(address.get()) + ")";
    }
    return scheme + "://" + where + ":" + port;
  }
}
