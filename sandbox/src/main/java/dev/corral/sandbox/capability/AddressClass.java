package dev.corral.sandbox.capability;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The kinds of IP address a guest may not reach unless the policy explicitly allows them. */
public enum AddressClass {
  /** A routable public address: allowed whenever the endpoint is. */
  PUBLIC,
  LOOPBACK,
  /** RFC 1918 IPv4, RFC 4193 unique-local IPv6, carrier-grade NAT 100.64/10. */
  PRIVATE,
  LINK_LOCAL,
  /** Cloud instance metadata services: 169.254.169.254, fd00:ec2::254, 100.100.100.200. */
  METADATA,
  /** 0.0.0.0, ::, multicast, broadcast and other non-unicast addresses. */
  UNSPECIFIED_OR_MULTICAST;

  /** Classifies {@code address}, looking through IPv4-mapped IPv6 addresses. */
  public static AddressClass of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && isV4Mapped(b)) {
      byte[] v4 = new byte[] {b[12], b[13], b[14], b[15]};
      return ofV4(v4);
    }
    if (address instanceof Inet4Address) {
      return ofV4(b);
    }
    if (b[0] == (byte) 0xfd
        && b[1] == 0x00
        && b[2] == 0x0e
        && b[3] == (byte) 0xc2
        && isTail254(b)) {
      return METADATA;
    }
    if (address.isLoopbackAddress()) {
      return LOOPBACK;
    }
    if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return UNSPECIFIED_OR_MULTICAST;
    }
    if (address.isLinkLocalAddress()) {
      return LINK_LOCAL;
    }
    if ((b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
      return PRIVATE;
    }
    return PUBLIC;
  }

  private static boolean isTail254(byte[] b) {
    // fd00:ec2::254 ends in the 16-bit group 0x0254
    for (int i = 4; i < 14; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[14] == 0x02 && b[15] == 0x54;
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static AddressClass ofV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    int a3 = b[3] & 0xff;
    if ((a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254)
        || (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200)) {
      return METADATA;
    }
    if (a0 == 127) {
      return LOOPBACK;
    }
    if (a0 == 10
        || (a0 == 172 && (a1 & 0xf0) == 16)
        || (a0 == 192 && a1 == 168)
        || (a0 == 100 && (a1 & 0xc0) == 64)) {
      return PRIVATE;
    }
    if (a0 == 169 && a1 == 254) {
      return LINK_LOCAL;
    }
    if (a0 == 0 || a0 >= 224) {
      return UNSPECIFIED_OR_MULTICAST;
    }
    return PUBLIC;
  }
}
