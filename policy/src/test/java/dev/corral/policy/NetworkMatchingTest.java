package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkMatchingTest {

  @ParameterizedTest(name = "{0} names {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          example.com        | example.com          | true
          example.com        | EXAMPLE.com.         | true
          example.com        | www.example.com      | false
          example.com        | example.org          | false
          *.example.com      | a.example.com        | true
          *.example.com      | a.b.example.com      | true
          *.example.com      | example.com          | false
          *.example.com      | badexample.com       | false
          *.example.com      | a.example.com.evil.io | false
          *.Example.COM      | A.EXAMPLE.com        | true
          *                  | anything.at.all      | true
          *                  | 10.1.2.3             | true
          127.0.0.1          | 127.0.0.1            | true
          127.0.0.1          | localhost            | false
          ::1                | [::1]                | true
          ::1                | 0:0:0:0:0:0:0:1      | true
          [::1]              | ::1                  | true
          bücher.de          | xn--bcher-kva.de     | true
          localhost          | localhost            | true
          """)
  void hostPatterns(String pattern, String host, boolean matches) {
    assertEquals(matches, HostPattern.parse(pattern).matchesName(host));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          exa*mple.com      | leading '*.' label
          *.*.example.com   | leading '*.' label
          **.example.com    | leading '*.' label
          *.com             | top-level domain
          *.                | host name is empty
          a..b              | not a valid host name
          -a.com            | starting or ending with '-'
          a b.com           | not a host name
          a/b               | not a host name
          256.1.1.1         | looks like an IPv4 address
          10.0.1            | looks like an IPv4 address
          010.0.0.1         | looks like an IPv4 address
          """)
  void badHostPatterns(String pattern, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HostPattern.parse(pattern));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          10.0.0.0/8        | 10.0.0.0          | true
          10.0.0.0/8        | 10.255.255.255    | true
          10.0.0.0/8        | 11.0.0.0          | false
          10.0.0.0/8        | 9.255.255.255     | false
          172.16.0.0/12     | 172.31.1.1        | true
          172.16.0.0/12     | 172.32.0.0        | false
          192.168.1.7/32    | 192.168.1.7       | true
          192.168.1.7/32    | 192.168.1.8       | false
          0.0.0.0/0         | 8.8.8.8           | true
          0.0.0.0/0         | ::1               | false
          10.0.0.0/8        | ::ffff:10.1.2.3   | true
          fd00::/8          | fd12:3456::1      | true
          fd00::/8          | fe80::1           | false
          2001:db8::/32     | 2001:db8:ffff::1  | true
          2001:db8::/32     | 2001:db9::1       | false
          ::/0              | 2001:db8::1       | true
          ::/0              | 10.0.0.1          | false
          """)
  void cidrRanges(String cidr, String address, boolean contains) throws UnknownHostException {
    assertEquals(contains, CidrRange.parse(cidr).contains(IpLiterals.parse(address).orElseThrow()));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          10.0.0.0          | prefix length
          10.0.0.0/         | not a number
          10.0.0.0/x        | not a number
          10.0.0.0/33       | larger than 32
          10.0.0.1/8        | bits set past the /8 prefix
          fd00::1/8         | bits set past the /8 prefix
          10.0.0/8          | not an IPv4 or IPv6 address
          010.0.0.0/8       | not an IPv4 or IPv6 address
          256.0.0.0/8       | not an IPv4 or IPv6 address
          example.com/8     | not an IPv4 or IPv6 address
          """)
  void badCidrs(String cidr, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse(cidr));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  static final NetworkPolicy POLICY =
      policy(
          """
          allow:
            - host: "api.github.com"
              ports: [443]
              schemes: [https]
            - host: "*.example.com"
            - cidr: "10.0.0.0/8"
              ports: ["5432", "8000-8100"]
            - host: "https://feeds.example.org"
            - host: "localhost:8080"
            - cidr: "fd00::/8"
              schemes: [tcp]
          deny:
            - host: "evil.example.com"
            - cidr: "169.254.0.0/16"
            - host: "*.example.com"
              ports: [25]
          """);

  /** scheme | host (or -) | port | address (or -) | allowed | reason fragment. */
  @ParameterizedTest(name = "{0}://{1}:{2} ({3}): {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          https | api.github.com     | 443  | -              | true  | allowed by permissions.network.allow[0]
          http  | api.github.com     | 443  | -              | false | no permissions.network.allow rule matches
          https | api.github.com     | 8443 | -              | false | no permissions.network.allow rule matches
          https | API.GitHub.com.    | 443  | -              | true  | allowed by permissions.network.allow[0]
          https | github.com         | 443  | -              | false | no permissions.network.allow rule matches
          https | a.example.com      | 443  | -              | true  | allowed by permissions.network.allow[1]
          tcp   | a.b.example.com    | 9999 | -              | true  | allowed by permissions.network.allow[1]
          https | example.com        | 443  | -              | false | no permissions.network.allow rule matches
          https | evil.example.com   | 443  | -              | false | denied by permissions.network.deny[0]
          tcp   | mail.example.com   | 25   | -              | false | denied by permissions.network.deny[2]
          tcp   | mail.example.com   | 26   | -              | true  | allowed by permissions.network.allow[1]
          https | a.example.com      | 443  | 169.254.169.254 | false | denied by permissions.network.deny[1]
          tcp   | -                  | 5432 | 10.1.2.3       | true  | allowed by permissions.network.allow[2]
          tcp   | -                  | 8050 | 10.1.2.3       | true  | allowed by permissions.network.allow[2]
          tcp   | -                  | 8101 | 10.1.2.3       | false | no permissions.network.allow rule matches
          tcp   | -                  | 5432 | 11.1.2.3       | false | no permissions.network.allow rule matches
          tcp   | -                  | 5432 | ::ffff:10.1.2.3 | true | allowed by permissions.network.allow[2]
          http  | 10.9.9.9           | 8000 | -              | true  | allowed by permissions.network.allow[2]
          https | feeds.example.org  | 443  | -              | true  | allowed by permissions.network.allow[3]
          http  | feeds.example.org  | 80   | -              | false | no permissions.network.allow rule matches
          http  | localhost          | 8080 | -              | true  | allowed by permissions.network.allow[4]
          http  | localhost          | 80   | -              | false | no permissions.network.allow rule matches
          tcp   | -                  | 80   | fd00::5        | true  | allowed by permissions.network.allow[5]
          udp   | -                  | 80   | fd00::5        | false | no permissions.network.allow rule matches
          tcp   | -                  | 443  | 140.82.112.5   | false | no permissions.network.allow rule matches
          """)
  void denyWinsThenAllowThenDefaultDeny(
      String scheme, String host, int port, String address, boolean allowed, String reason) {
    InetAddress ip = address == null ? null : IpLiterals.parse(address).orElseThrow();
    Decision decision = POLICY.decide(scheme, host, port, ip);
    assertEquals(allowed, decision.allowed(), decision.reason());
    assertTrue(decision.reason().contains(reason), decision.reason());
    assertEquals(allowed, POLICY.allows(scheme, host, port, ip));
  }

  /** Restricted addresses open only to rules that name the address. */
  @ParameterizedTest(name = "{0}://{1}:{2} at {3}: {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          tcp   | -               | 5432 | 10.1.2.3        | true  | allowed by permissions.network.allow[2]
          tcp   | -               | 5433 | 10.1.2.3        | false | no permissions.network.allow rule names this address
          https | a.example.com   | 443  | 10.1.2.3        | false | no permissions.network.allow rule names this address
          https | a.example.com   | 443  | 169.254.169.254 | false | denied by permissions.network.deny[1]
          http  | localhost       | 8080 | 127.0.0.1       | true  | allowed by permissions.network.allow[4]
          http  | localhost       | 8080 | ::1             | true  | allowed by permissions.network.allow[4]
          http  | localhost       | 8080 | 192.168.1.1     | false | no permissions.network.allow rule names this address
          http  | localhost       | 9090 | 127.0.0.1       | false | no permissions.network.allow rule names this address
          tcp   | -               | 22   | fd00::5         | true  | allowed by permissions.network.allow[5]
          https | api.github.com  | 443  | 192.168.0.10    | false | no permissions.network.allow rule names this address
          """)
  void restrictedAddresses(
      String scheme, String host, int port, String address, boolean allowed, String reason) {
    Decision d = POLICY.decideAddress(scheme, host, port, IpLiterals.parse(address).orElseThrow());
    assertEquals(allowed, d.allowed(), d.reason());
    assertTrue(d.reason().contains(reason), d.reason());
  }

  @ParameterizedTest(name = "allow * never opens {0}")
  @CsvSource({"127.0.0.1", "10.0.0.1", "169.254.169.254"})
  void allowAnyDoesNotOpenRestrictedAddresses(String address) {
    NetworkPolicy p = policy("allow:\n  - host: \"*\"\n  - defaults: true\n");
    assertTrue(p.allows("https", "x.example.com", 443, null));
    assertEquals(
        false,
        p.decideAddress("https", "x.example.com", 443, IpLiterals.parse(address).orElseThrow())
            .allowed());
  }

  @ParameterizedTest(name = "lookup {0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          api.github.com     | true
          x.example.com      | true
          evil.example.com   | false
          example.com        | false
          db.internal        | false
          feeds.example.org  | true
          """)
  void lookups(String host, boolean allowed) {
    assertEquals(allowed, POLICY.decideLookup(host).allowed(), POLICY.decideLookup(host).reason());
  }

  @ParameterizedTest(name = "defaults allow {0}: {1}")
  @CsvSource({
    "registry.npmjs.org,true",
    "api.github.com,true",
    "ghcr.io,true",
    "example.com,false",
    "npmjs.com,false"
  })
  void wassetteDefaults(String host, boolean allowed) {
    NetworkPolicy p =
        policy("allow:\n  - defaults: true\ndeny:\n  - host: ghcr.io\n    ports: [80]\n");
    assertEquals(allowed, p.allows("https", host, 443, null));
  }

  @ParameterizedTest(name = "deny * blocks {0}")
  @CsvSource({"a.example.com", "10.0.0.1"})
  void denyStarBlocksEverything(String host) {
    NetworkPolicy p = policy("allow:\n  - host: \"*\"\ndeny:\n  - host: \"*\"\n");
    assertEquals(false, p.allows("https", host, 443, null));
  }

  static NetworkPolicy policy(String networkYaml) {
    String yaml = "version: \"1.0\"\npermissions:\n  network:\n" + networkYaml.indent(4);
    try {
      return PolicyParser.parse(yaml, "t.yaml", Path.of("/")).network();
    } catch (PolicyException e) {
      throw new AssertionError(e);
    }
  }
}
