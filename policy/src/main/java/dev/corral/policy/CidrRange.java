package dev.corral.policy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address range in CIDR notation, such as {@code 10.0.0.0/8} or {@code fd00::/8}.
 */
public record CidrRange(InetAddress network, int prefixLength) implements NetworkTarget {
  public CidrRange {
    Objects.requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length must be 0.." + bits);
    }
  }

  /**
   * Parses {@code address/prefix}. The address must have no bits set past the prefix.
   *
   * @throws IllegalArgumentException with a message fit for a user
   */
  public static CidrRange parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "CIDR needs a prefix length after '/', such as 10.0.0.0/8");
    }
    String addressText = text.substring(0, slash);
    InetAddress address =
        IpLiterals.parse(addressText)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'" + addressText + "' is not an IPv4 or IPv6 address"));
    String prefixText = text.substring(slash + 1);
    if (prefixText.isEmpty()
        || prefixText.length() > 3
        || !prefixText.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("prefix length '" + prefixText + "' is not a number");
    }
    int prefix = Integer.parseInt(prefixText);
    int bits = address.getAddress().length * 8;
    if (prefix > bits) {
      throw new IllegalArgumentException("prefix length " + prefix + " is larger than " + bits);
    }
    CidrRange range = new CidrRange(address, prefix);
    if (!Arrays.equals(range.masked(address.getAddress()), address.getAddress())) {
      throw new IllegalArgumentException(
          "address has bits set past the /"
              + prefix
              + " prefix; the range starts at "
              + IpLiterals.format(range.first())
              + "/"
              + prefix);
    }
    return range;
  }

  /** True if {@code address} lies in this range (IPv4-mapped IPv6 addresses count as IPv4). */
  public boolean contains(InetAddress address) {
    byte[] candidate = IpLiterals.unmap(address).getAddress();
    byte[] net = network.getAddress();
    if (candidate.length != net.length) {
      return false;
    }
    return Arrays.equals(masked(candidate), net);
  }

  private byte[] masked(byte[] bytes) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }

  private InetAddress first() {
    try {
      return InetAddress.getByAddress(masked(network.getAddress()));
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public String text() {
    return IpLiterals.format(network) + "/" + prefixLength;
  }
}
