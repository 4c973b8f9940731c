package dev.corral.sandbox.capability;

import java.net.InetAddress;

/**
 * The network part of a policy, implemented by the policy module. The sandbox asks {@link #allows}
 * before resolving a name, then checks every resolved address at connect time (and on every
 * redirect): addresses in a {@link AddressClass restricted class} (loopback, private, link-local,
 * cloud metadata, ...) are refused unless {@link #allowsRestricted} says otherwise.
 */
public interface NetworkAccess {
  /** Whether the policy allows this scheme, host name and port. */
  boolean allows(Endpoint endpoint);

  /**
   * Whether the policy explicitly allows connecting to {@code address}, which lies in the
   * restricted class {@code addressClass}, for {@code endpoint}. Denied unless overridden.
   */
  default boolean allowsRestricted(
      Endpoint endpoint, InetAddress address, AddressClass addressClass) {
    return false;
  }

  /**
   * Whether the guest may resolve {@code host} with {@code wasi:sockets/ip-name-lookup} (a name
   * lookup alone can leak data through DNS). Denied unless overridden.
   */
  default boolean allowsLookup(String host) {
    return false;
  }

  /** No network at all. */
  static NetworkAccess none() {
    return endpoint -> false;
  }
}
