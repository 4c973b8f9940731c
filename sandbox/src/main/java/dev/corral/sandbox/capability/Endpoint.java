package dev.corral.sandbox.capability;

import java.util.Objects;

/**
 * Where a guest wants to connect: {@code scheme} is {@code http}, {@code https}, {@code tcp} or
 * {@code udp}; {@code host} is the name (or literal address) the guest asked for.
 */
public record Endpoint(String scheme, String host, int port) {
  public Endpoint {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
