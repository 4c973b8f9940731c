package dev.corral.policy;

import dev.corral.policy.YamlTree.Entry;
import dev.corral.policy.YamlTree.MapNode;
import dev.corral.policy.YamlTree.Mark;
import dev.corral.policy.YamlTree.Node;
import dev.corral.policy.YamlTree.Scalar;
import dev.corral.policy.YamlTree.Seq;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonToken;

/**
 * Reads {@code permissions.network}: host, CIDR and {@code defaults} rules with ports and schemes.
 */
final class NetworkRuleReader {
  private final TreeChecks checks;

  NetworkRuleReader(TreeChecks checks) {
    this.checks = checks;
  }

  NetworkPolicy network(MapNode node) {
    if (node == null) {
      return NetworkPolicy.DENY_ALL;
    }
    checks.checkKeys(node, "permissions.network", Set.of("allow", "deny"), Map.of());
    return new NetworkPolicy(
        checks.list(node, "allow", "permissions.network.allow", this::networkRule),
        checks.list(node, "deny", "permissions.network.deny", this::networkRule));
  }

  private NetworkRule networkRule(TreeChecks.At at) {
    MapNode entry =
        checks.map(at.node(), at.path(), "a network rule such as {host: \"api.example.com\"}");
    if (entry == null) {
      return null;
    }
    checks.checkKeys(
        entry,
        at.path(),
        Set.of("host", "cidr", "defaults", "ports", "schemes"),
        Map.of(
            "port",
            "use ports: [443] (a list)",
            "scheme",
            "use schemes: [\"https\"] (a list)",
            "hosts",
            "write one rule per host: - host: \"a.example.com\""));
    List<String> targets = new ArrayList<>();
    for (String key : List.of("host", "cidr", "defaults")) {
      if (entry.entries().containsKey(key)) {
        targets.add(key);
      }
    }
    if (targets.size() != 1) {
      checks.problem(
          entry.mark(),
          at.path(),
          targets.isEmpty()
              ? "a network rule needs one of host, cidr or defaults"
              : "a network rule has exactly one of host, cidr or defaults; found "
                  + String.join(", ", targets),
          "write separate rules, such as - host: \"api.example.com\" and - cidr: \"10.0.0.0/8\"");
      return null;
    }
    List<PortRange> ports = ports(entry, at.path() + ".ports");
    Set<String> schemes = schemes(entry, at.path() + ".schemes");
    if (ports == null || schemes == null) {
      return null;
    }
    String kind = targets.get(0);
    Node value = entry.entries().get(kind).value();
    String path = at.path() + "." + kind;
    switch (kind) {
      case "defaults" -> {
        if (!(value instanceof Scalar s) || s.token() != JsonToken.VALUE_TRUE) {
          checks.problem(
              value.mark(),
              path,
              "defaults must be true",
              "write - defaults: true, or remove the entry");
          return null;
        }
        return new NetworkRule(new DefaultHosts(), ports, schemes);
      }
      case "cidr" -> {
        String text = checks.string(value, path, "a CIDR range such as \"10.0.0.0/8\"");
        if (text == null) {
          return null;
        }
        try {
          return new NetworkRule(CidrRange.parse(text), ports, schemes);
        } catch (IllegalArgumentException e) {
          checks.problem(
              value.mark(),
              path,
              e.getMessage(),
              "write address/prefix, such as 10.0.0.0/8 or fd00::/8");
          return null;
        }
      }
      default -> {
        String text = checks.string(value, path, "a host such as \"api.example.com\"");
        if (text == null) {
          return null;
        }
        return hostRule(text, value.mark(), path, ports, schemes, entry);
      }
    }
  }

  /**
   * {@code host} values: a pattern, {@code name:port}, or a URL {@code scheme://name[:port][/]}
   * (Wassette accepts these).
   */
  private NetworkRule hostRule(
      String text,
      Mark mark,
      String path,
      List<PortRange> ports,
      Set<String> schemes,
      MapNode entry) {
    String hint =
        "write a host name (api.example.com), a wildcard (*.example.com), an IP address, "
            + "or a URL such as https://api.example.com";
    List<PortRange> rulePorts = ports;
    Set<String> ruleSchemes = schemes;
    String host = text;
    if (text.contains("://")) {
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        checks.problem(mark, path, "'" + text + "' is not a valid URL", hint);
        return null;
      }
      String scheme =
          uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        checks.problem(mark, path, "URL scheme '" + scheme + "' is not http or https", hint);
        return null;
      }
      if (uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || !(uri.getRawPath() == null
              || uri.getRawPath().isEmpty()
              || uri.getRawPath().equals("/"))) {
        checks.problem(
            mark,
            path,
            "a host URL may hold only a scheme, a host and a port",
            "network rules name hosts, not paths: write "
                + scheme
                + "://"
                + (uri.getHost() == null ? "host" : uri.getHost()));
        return null;
      }
      if (entry.entries().containsKey("ports") || entry.entries().containsKey("schemes")) {
        checks.problem(
            mark,
            path,
            "a host URL already fixes the scheme and port",
            "use a plain host with ports: and schemes:, or the URL alone");
        return null;
      }
      if (uri.getPort() == 0 || uri.getPort() > 65535) {
        checks.problem(mark, path, "'" + uri.getPort() + "' is not a port (1-65535)", hint);
        return null;
      }
      host = uri.getHost();
      ruleSchemes = Set.of(scheme);
      rulePorts =
          List.of(
              PortRange.of(uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80));
    } else {
      int colon = text.lastIndexOf(':');
      if (colon > 0 && text.indexOf(':') == colon && !text.startsWith("[")) {
        String portText = text.substring(colon + 1);
        if (entry.entries().containsKey("ports")) {
          checks.problem(mark, path, "port given twice (in host and in ports)", "keep one");
          return null;
        }
        Integer port = portNumber(portText);
        if (port == null) {
          checks.problem(mark, path, "'" + portText + "' is not a port (1-65535)", hint);
          return null;
        }
        host = text.substring(0, colon);
        rulePorts = List.of(PortRange.of(port));
      } else if (text.startsWith("[") && text.contains("]:")) {
        int close = text.indexOf("]:");
        Integer port = portNumber(text.substring(close + 2));
        if (port == null || entry.entries().containsKey("ports")) {
          checks.problem(mark, path, "'" + text + "' has an invalid or duplicate port", hint);
          return null;
        }
        host = text.substring(0, close + 1);
        rulePorts = List.of(PortRange.of(port));
      }
    }
    try {
      return new NetworkRule(HostPattern.parse(host), rulePorts, ruleSchemes);
    } catch (IllegalArgumentException e) {
      checks.problem(mark, path, e.getMessage(), hint);
      return null;
    }
  }

  private static Integer portNumber(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535 ? port : null;
  }

  private List<PortRange> ports(MapNode entry, String path) {
    Entry e = entry.entries().get("ports");
    if (e == null) {
      return List.of();
    }
    if (!(e.value() instanceof Seq seq) || seq.items().isEmpty()) {
      checks.wrongType(
          e.value(), path, "a non-empty list of ports such as [443] or [\"8000-8100\"]");
      return null;
    }
    List<PortRange> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String itemPath = path + "[" + i + "]";
      String hint = "a port is a number 1-65535, a range is a string \"first-last\"";
      if (item instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
        Integer port = portNumber(s.text());
        if (port == null) {
          checks.problem(s.mark(), itemPath, "port " + s.text() + " is out of range", hint);
          ok = false;
        } else {
          out.add(PortRange.of(port));
        }
      } else if (item instanceof Scalar s && s.token() == JsonToken.VALUE_STRING) {
        String[] parts = s.text().split("-", -1);
        Integer first =
            parts.length == 2
                ? portNumber(parts[0])
                : parts.length == 1 ? portNumber(parts[0]) : null;
        Integer last = parts.length == 2 ? portNumber(parts[1]) : first;
        if (first == null || last == null || first > last) {
          checks.problem(
              s.mark(), itemPath, "'" + s.text() + "' is not a port or port range", hint);
          ok = false;
        } else {
          out.add(new PortRange(first, last));
        }
      } else {
        checks.wrongType(item, itemPath, "a port number or a \"first-last\" range");
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private Set<String> schemes(MapNode entry, String path) {
    Entry e = entry.entries().get("schemes");
    if (e == null) {
      return Set.of();
    }
    if (!(e.value() instanceof Seq seq) || seq.items().isEmpty()) {
      checks.wrongType(e.value(), path, "a non-empty list such as [\"https\"]");
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    boolean ok = true;
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String text = checks.string(item, path + "[" + i + "]", "one of http, https, tcp, udp");
      if (text == null) {
        ok = false;
      } else if (!NetworkRule.KNOWN_SCHEMES.contains(text)) {
        checks.problem(
            item.mark(),
            path + "[" + i + "]",
            "unknown scheme '" + text + "'",
            "schemes are http, https, tcp and udp (lower case)");
        ok = false;
      } else {
        out.add(text);
      }
    }
    return ok ? out : null;
  }
}
