package dev.corral.mcp.server;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the HTTP transports are served: the address to listen on, the bearer token clients must
 * present (empty when authentication is off, which only a loopback address allows), whether the
 * legacy HTTP+SSE transport is served beside Streamable HTTP, and the host names clients may use
 * beyond those of the listen address ({@code Host} header names without the port, lower case; IPv6
 * addresses in brackets).
 */
public record HttpSettings(
    InetSocketAddress listen, Optional<String> token, boolean legacySse, Set<String> allowedHosts) {
  public HttpSettings {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(token, "token");
    allowedHosts = Set.copyOf(allowedHosts);
    if (token.isEmpty() && !listen.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("authentication can be off only on a loopback address");
    }
  }
}
