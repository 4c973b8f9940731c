package dev.corral.mcp.server;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP transports are served: the address to listen on, the bearer token clients must
 * present (empty when authentication is off, which only a loopback address allows), and whether
 * the legacy HTTP+SSE transport is served beside Streamable HTTP.
 */
public record HttpSettings(InetSocketAddress listen, Optional<String> token, boolean legacySse) {
  public HttpSettings {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(token, "token");
    if (token.isEmpty() && !listen.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("authentication can be off only on a loopback address");
    }
  }
}
