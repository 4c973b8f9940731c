package dev.corral.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Parses IP address literals without ever asking DNS. */
final class IpLiterals {
  private IpLiterals() {}

  /** An IPv4 dotted quad, or an IPv6 literal (optionally in brackets); empty for anything else. */
  static Optional<InetAddress> parse(String text) {
    if (text.startsWith("[") && text.endsWith("]")) {
      return parseV6(text.substring(1, text.length() - 1));
    }
    if (text.indexOf(':') >= 0) {
      return parseV6(text);
    }
    return parseV4(text);
  }

  private static Optional<InetAddress> parseV4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        return Optional.empty(); // leading zeros are octal to some parsers: refuse the ambiguity
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) value;
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<InetAddress> parseV6(String text) {
    if (text.isEmpty()
        || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return Optional.empty();
    }
    try {
      // Brackets make the JDK treat the text as an IPv6 literal: it never falls back to DNS.
      InetAddress address = InetAddress.getByName("[" + text + "]");
      return Optional.of(address);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) as the IPv4 address they carry. */
  static InetAddress unmap(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      if (mapped) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          throw new AssertionError(e);
        }
      }
    }
    return address;
  }

  static String format(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    return address.getHostAddress().replaceAll("%.*$", "");
  }
}
