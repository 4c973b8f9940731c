package dev.corral.sandbox.wasi;

import dev.corral.sandbox.capability.AddressClass;
import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.capability.NetworkAccess;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * The one check of the addresses a guest connects to, for wasi:http and wasi:sockets alike: an
 * address in a restricted {@link AddressClass} is refused unless the policy explicitly allows it.
 */
final class RestrictedAddresses {
  private RestrictedAddresses() {}

  /**
   * Why {@code policy} refuses {@code address} for {@code endpoint} ({@code "127.0.0.1, a loopback
   * address, which the policy does not explicitly allow"}), or empty if it may be reached.
   */
  static Optional<String> refusal(NetworkAccess policy, Endpoint endpoint, InetAddress address) {
    AddressClass cls = AddressClass.of(address);
    if (cls == AddressClass.PUBLIC || policy.allowsRestricted(endpoint, address, cls)) {
      return Optional.empty();
    }
    return Optional.of(
        address.getHostAddress()
            + ", a "
            + cls.name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + " address, which the policy does not explicitly allow");
  }
}
