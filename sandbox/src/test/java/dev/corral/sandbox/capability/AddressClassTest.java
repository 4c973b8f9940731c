package dev.corral.sandbox.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {
  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, LOOPBACK",
    "127.255.0.9, LOOPBACK",
    "::1, LOOPBACK",
    "::ffff:127.0.0.1, LOOPBACK",
    "10.0.0.1, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "100.64.0.1, PRIVATE",
    "fd12:3456::1, PRIVATE",
    "fc00::1, PRIVATE",
    "169.254.1.1, LINK_LOCAL",
    "fe80::1, LINK_LOCAL",
    "169.254.169.254, METADATA",
    "100.100.100.200, METADATA",
    "fd00:ec2::254, METADATA",
    "::ffff:169.254.169.254, METADATA",
    "0.0.0.0, UNSPECIFIED_OR_MULTICAST",
    "::, UNSPECIFIED_OR_MULTICAST",
    "224.0.0.1, UNSPECIFIED_OR_MULTICAST",
    "255.255.255.255, UNSPECIFIED_OR_MULTICAST",
    "ff02::1, UNSPECIFIED_OR_MULTICAST",
    "8.8.8.8, PUBLIC",
    "172.32.0.1, PUBLIC",
    "100.128.0.1, PUBLIC",
    "2606:4700::1111, PUBLIC",
  })
  void classifies(String literal, AddressClass expected) throws Exception {
    assertEquals(expected, AddressClass.of(InetAddress.getByName(literal)));
  }
}
