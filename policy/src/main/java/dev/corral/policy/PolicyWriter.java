package dev.corral.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Policy} as YAML in Corral's canonical layout, or as plain data (maps and lists)
 * for JSON output. Parsing the output gives back an equal policy.
 */
public final class PolicyWriter {
  private PolicyWriter() {}

  /** The policy as a YAML document. */
  public static String toYaml(Policy policy) {
    return YamlRender.document(toPlain(policy));
  }

  /**
   * The policy as ordered maps, lists, strings, numbers and booleans, in the file's shape; hand it
   * to a JSON writer for {@code corral policy get --json}.
   */
  public static Map<String, Object> toPlain(Policy policy) {
    Map<String, Object> root = new LinkedHashMap<>();
    policy.schema().ifPresent(s -> root.put("$schema", s));
    root.put("version", policy.version());
    policy.description().ifPresent(d -> root.put("description", d));
    Map<String, Object> permissions = new LinkedHashMap<>();
    Map<String, Object> storage = new LinkedHashMap<>();
    putNonEmpty(
        storage,
        "allow",
        policy.storage().allow().stream().map(PolicyWriter::storageRule).toList());
    putNonEmpty(
        storage, "deny", policy.storage().deny().stream().map(PolicyWriter::storageRule).toList());
    putNonEmpty(permissions, "storage", storage);
    Map<String, Object> network = new LinkedHashMap<>();
    putNonEmpty(
        network,
        "allow",
        policy.network().allow().stream().map(PolicyWriter::networkRule).toList());
    putNonEmpty(
        network, "deny", policy.network().deny().stream().map(PolicyWriter::networkRule).toList());
    putNonEmpty(permissions, "network", network);
    if (!policy.environment().allow().isEmpty()) {
      permissions.put(
          "environment",
          Map.of(
              "allow",
              policy.environment().allow().stream().map(k -> (Object) Map.of("key", k)).toList()));
    }
    Map<String, Object> resourceLimits = new LinkedHashMap<>();
    policy.resources().cpuMillis().ifPresent(c -> resourceLimits.put("cpu", c + "m"));
    policy
        .resources()
        .memoryBytes()
        .ifPresent(m -> resourceLimits.put("memory", Quantities.formatBytes(m)));
    if (!resourceLimits.isEmpty()) {
      permissions.put("resources", Map.of("limits", resourceLimits));
    }
    for (String key : List.of("runtime", "ipc")) {
      if (policy.inert().containsKey(key)) {
        permissions.put(key, policy.inert().get(key));
      }
    }
    root.put("permissions", permissions);
    Map<String, Object> limits = limitsPlain(policy.limitSettings());
    putNonEmpty(root, "limits", limits);
    List<Object> secrets = new ArrayList<>();
    for (SecretRef secret : policy.secrets()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", secret.name());
      s.put("env", secret.env());
      secrets.add(s);
    }
    putNonEmpty(root, "secrets", secrets);
    return root;
  }

  static Map<String, Object> limitsPlain(LimitSettings settings) {
    Map<String, Object> limits = new LinkedHashMap<>();
    settings.timeout().ifPresent(t -> limits.put("timeout", Quantities.formatDuration(t)));
    settings.memory().ifPresent(m -> limits.put("memory", Quantities.formatBytes(m)));
    settings.output().ifPresent(o -> limits.put("output", Quantities.formatBytes(o)));
    return limits;
  }

  static Map<String, Object> storageRule(StorageRule rule) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("uri", rule.uri());
    out.put("access", accessList(rule.access()));
    return out;
  }

  static List<Object> accessList(java.util.Set<Access> access) {
    return access.stream().sorted().map(a -> (Object) a.yamlName()).toList();
  }

  static Map<String, Object> networkRule(NetworkRule rule) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (rule.target()) {
      case HostPattern host -> out.put("host", host.text());
      case CidrRange cidr -> out.put("cidr", cidr.text());
      case DefaultHosts defaults -> out.put("defaults", Boolean.TRUE);
    }
    if (!rule.ports().isEmpty()) {
      out.put(
          "ports",
          rule.ports().stream()
              .map(p -> p.first() == p.last() ? (Object) Integer.valueOf(p.first()) : p.text())
              .toList());
    }
    if (!rule.schemes().isEmpty()) {
      out.put("schemes", rule.schemes().stream().sorted().map(s -> (Object) s).toList());
    }
    return out;
  }

  private static void putNonEmpty(Map<String, Object> map, String key, Object value) {
    boolean empty =
        value instanceof Map<?, ?> m ? m.isEmpty() : value instanceof List<?> l && l.isEmpty();
    if (!empty) {
      map.put(key, value);
    }
  }
}
