package dev.corral.policy;

import dev.corral.policy.YamlTree.Entry;
import dev.corral.policy.YamlTree.MapNode;
import dev.corral.policy.YamlTree.Mark;
import dev.corral.policy.YamlTree.Node;
import dev.corral.policy.YamlTree.Scalar;
import dev.corral.policy.YamlTree.Seq;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JsonToken;

/** Turns a {@link YamlTree} into a {@link Policy}, collecting every problem with its location. */
final class PolicyReader {
  private static final Pattern VERSION = Pattern.compile("1(\\.[0-9]+)*");
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private final Path baseDirectory;
  private final TreeChecks checks;
  private final NetworkRuleReader networkRules;

  private PolicyReader(String source, Path baseDirectory) {
    this.baseDirectory = baseDirectory;
    this.checks = new TreeChecks(source);
    this.networkRules = new NetworkRuleReader(checks);
  }

  static Policy read(String text, String source, Path baseDirectory) throws PolicyException {
    PolicyReader reader = new PolicyReader(source, baseDirectory);
    Node root;
    try {
      root = YamlTree.read(text);
    } catch (YamlTree.SyntaxError e) {
      throw new PolicyException(
          new PolicyProblem(source, e.mark.line(), e.mark.column(), "", e.getMessage(), e.hint));
    }
    Policy policy = reader.policy(root);
    if (!reader.checks.problems().isEmpty()) {
      List<PolicyProblem> sorted = new ArrayList<>(reader.checks.problems());
      sorted.sort(
          Comparator.comparingInt(PolicyProblem::line).thenComparingInt(PolicyProblem::column));
      throw new PolicyException(sorted);
    }
    return policy;
  }

  // ---- top level ----------------------------------------------------------------------------

  private Policy policy(Node root) {
    if (root == null || (root instanceof Scalar s && s.isNull())) {
      checks.problem(
          new Mark(1, 1),
          "",
          "the policy file is empty",
          "a minimal policy is: version: \"1.0\" and permissions: {}");
      return Policy.denyAll();
    }
    MapNode map = checks.map(root, "", "the policy");
    if (map == null) {
      return Policy.denyAll();
    }
    checks.checkKeys(
        map,
        "",
        Set.of("$schema", "version", "description", "permissions", "limits", "secrets"),
        Map.of(
            "storage",
            "storage, network and environment go under permissions:",
            "network",
            "storage, network and environment go under permissions:",
            "environment",
            "storage, network and environment go under permissions:",
            "resources",
            "resources goes under permissions:; Corral's own limits use the top-level limits: section"));

    String version = "1.0";
    Entry versionEntry = map.entries().get("version");
    if (versionEntry == null) {
      checks.problem(
          map.mark(), "version", "missing required key 'version'", "add: version: \"1.0\"");
    } else if (versionEntry.value() instanceof Scalar s
        && (s.token() == JsonToken.VALUE_STRING
            || s.token() == JsonToken.VALUE_NUMBER_INT
            || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
      if (!VERSION.matcher(s.text()).matches()) {
        checks.problem(
            s.mark(),
            "version",
            "unsupported policy version '" + s.text() + "'",
            "Corral reads version 1.x policy files: version: \"1.0\"");
      }
      version = s.text();
    } else {
      checks.wrongType(versionEntry.value(), "version", "a string such as \"1.0\"");
    }

    Optional<String> description = checks.optionalString(map, "description", "description");
    Optional<String> schema = checks.optionalString(map, "$schema", "$schema");

    StoragePolicy storage = StoragePolicy.DENY_ALL;
    NetworkPolicy network = NetworkPolicy.DENY_ALL;
    EnvironmentPolicy environment = EnvironmentPolicy.DENY_ALL;
    Resources resources = Resources.NONE;
    Map<String, Object> inert = new LinkedHashMap<>();
    MapNode permissions = checks.section(map, "permissions", "permissions");
    if (permissions != null) {
      checks.checkKeys(
          permissions,
          "permissions",
          Set.of("storage", "network", "environment", "resources", "runtime", "ipc"),
          Map.of(
              "limits",
              "Corral's limits are a top-level section, not under permissions:",
              "secrets",
              "secrets is a top-level section, not under permissions:"));
      storage = storage(checks.section(permissions, "storage", "permissions.storage"));
      network = networkRules.network(checks.section(permissions, "network", "permissions.network"));
      environment =
          environment(checks.section(permissions, "environment", "permissions.environment"));
      resources = resources(checks.section(permissions, "resources", "permissions.resources"));
      MapNode runtime = checks.section(permissions, "runtime", "permissions.runtime");
      if (runtime != null) {
        inert.put("runtime", YamlTree.toPlain(runtime));
      }
      MapNode ipc = checks.section(permissions, "ipc", "permissions.ipc");
      if (ipc != null) {
        ipc(ipc);
        inert.put("ipc", YamlTree.toPlain(ipc));
      }
    }
    LimitSettings limits = limits(checks.section(map, "limits", "limits"));
    List<SecretRef> secrets = secrets(map.entries().get("secrets"), environment);
    return new Policy(
        version,
        description,
        schema,
        storage,
        network,
        environment,
        resources,
        limits,
        secrets,
        inert);
  }

  // ---- storage ------------------------------------------------------------------------------

  private StoragePolicy storage(MapNode node) {
    if (node == null) {
      return StoragePolicy.DENY_ALL;
    }
    checks.checkKeys(node, "permissions.storage", Set.of("allow", "deny"), Map.of());
    return new StoragePolicy(
        checks.list(node, "allow", "permissions.storage.allow", this::storageRule),
        checks.list(node, "deny", "permissions.storage.deny", this::storageRule));
  }

  private StorageRule storageRule(TreeChecks.At at) {
    MapNode entry = checks.map(at.node(), at.path(), "a storage rule");
    if (entry == null) {
      return null;
    }
    checks.checkKeys(
        entry,
        at.path(),
        Set.of("uri", "access"),
        Map.of("path", "name the directory with uri: \"fs:///absolute/path\""));
    String uri =
        checks.requiredString(entry, "uri", at.path() + ".uri", "uri: \"fs:///path/to/dir\"");
    Set<Access> access = accessList(entry, at.path() + ".access");
    if (uri == null || access == null) {
      return null;
    }
    PathPattern pattern;
    try {
      pattern = PathPattern.parse(uri, baseDirectory);
    } catch (IllegalArgumentException e) {
      checks.problem(
          entry.entries().get("uri").value().mark(),
          at.path() + ".uri",
          e.getMessage(),
          "write fs:///absolute/path, optionally ending in /** (any depth) or with * inside a segment");
      return null;
    }
    return new StorageRule(uri, pattern, access);
  }

  private Set<Access> accessList(MapNode entry, String path) {
    Entry e = entry.entries().get("access");
    if (e == null) {
      checks.problem(
          entry.mark(),
          path,
          "missing required key 'access'",
          "add: access: [\"read\"] or [\"read\", \"write\"]");
      return null;
    }
    if (!(e.value() instanceof Seq seq)) {
      checks.wrongType(e.value(), path, "a list such as [\"read\", \"write\"]");
      return null;
    }
    if (seq.items().isEmpty()) {
      checks.problem(
          seq.mark(), path, "access is empty", "list at least one of \"read\", \"write\"");
      return null;
    }
    Set<Access> out = EnumSet.noneOf(Access.class);
    boolean ok = true;
    for (int i = 0; i < seq.items().size(); i++) {
      Node item = seq.items().get(i);
      String itemPath = path + "[" + i + "]";
      if (!(item instanceof Scalar s) || s.token() != JsonToken.VALUE_STRING) {
        checks.wrongType(item, itemPath, "\"read\" or \"write\"");
        ok = false;
        continue;
      }
      Optional<Access> access = Access.fromYaml(s.text());
      if (access.isEmpty()) {
        checks.problem(
            s.mark(),
            itemPath,
            "unknown access '" + s.text() + "'",
            "access is \"read\" or \"write\"");
        ok = false;
      } else if (!out.add(access.get())) {
        checks.problem(
            s.mark(),
            itemPath,
            "access '" + s.text() + "' is listed twice",
            "list each access once");
        ok = false;
      }
    }
    return ok ? out : null;
  }

  // ---- environment --------------------------------------------------------------------------

  private EnvironmentPolicy environment(MapNode node) {
    if (node == null) {
      return EnvironmentPolicy.DENY_ALL;
    }
    checks.checkKeys(
        node,
        "permissions.environment",
        Set.of("allow"),
        Map.of("deny", "environment has no deny list: a variable not in allow is never visible"));
    List<String> keys =
        checks.list(node, "allow", "permissions.environment.allow", this::environmentKey);
    return new EnvironmentPolicy(keys);
  }

  private String environmentKey(TreeChecks.At at) {
    MapNode entry = checks.map(at.node(), at.path(), "an entry such as {key: \"API_KEY\"}");
    if (entry == null) {
      return null;
    }
    checks.checkKeys(
        entry,
        at.path(),
        Set.of("key"),
        Map.of(
            "value",
            "values are never written in the policy: the component sees the variable's value from Corral's environment, or use the secrets: section",
            "value_from",
            "values are never written in the policy: list the variable under secrets: to read it from the secret store"));
    String key = checks.requiredString(entry, "key", at.path() + ".key", "key: \"API_KEY\"");
    if (key == null) {
      return null;
    }
    String error = environmentKeyError(key);
    if (error != null) {
      checks.problem(
          entry.entries().get("key").value().mark(),
          at.path() + ".key",
          error,
          "name one variable exactly, such as API_KEY; wildcards are not allowed");
      return null;
    }
    return key;
  }

  static String environmentKeyError(String key) {
    if (key.isEmpty()) {
      return "environment key is empty";
    }
    if (key.contains("*")) {
      return "environment key '" + key + "' has a wildcard";
    }
    if (key.contains("=") || key.chars().anyMatch(c -> c == 0 || Character.isWhitespace(c))) {
      return "environment key '" + key + "' contains '=', whitespace or NUL";
    }
    return null;
  }

  // ---- resources (Wassette) -----------------------------------------------------------------

  private Resources resources(MapNode node) {
    if (node == null) {
      return Resources.NONE;
    }
    checks.checkKeys(
        node, "permissions.resources", Set.of("limits", "cpu", "memory", "io"), Map.of());
    Optional<Long> cpu = Optional.empty();
    Optional<Long> memory = Optional.empty();
    MapNode limits = checks.section(node, "limits", "permissions.resources.limits");
    if (limits != null) {
      checks.checkKeys(limits, "permissions.resources.limits", Set.of("cpu", "memory"), Map.of());
      Entry c = limits.entries().get("cpu");
      if (c != null) {
        cpu =
            checks.quantity(
                c.value(),
                "permissions.resources.limits.cpu",
                Quantities::parseCpuMillis,
                "500m or 1 or 2.5");
      }
      Entry m = limits.entries().get("memory");
      if (m != null) {
        memory =
            checks.quantity(
                m.value(),
                "permissions.resources.limits.memory",
                Quantities::parseBytes,
                "512Mi or 1Gi");
      }
    }
    Entry legacyCpu = node.entries().get("cpu");
    if (legacyCpu != null) {
      Optional<Double> percent =
          checks.number(legacyCpu.value(), "permissions.resources.cpu", "50");
      if (percent.isPresent() && (percent.get() < 0 || percent.get() > 100)) {
        checks.problem(
            legacyCpu.value().mark(),
            "permissions.resources.cpu",
            "cpu percent must be 0-100",
            "write a percentage such as 50, or use limits: {cpu: \"500m\"}");
      }
    }
    Entry legacyMemory = node.entries().get("memory");
    if (legacyMemory != null) {
      Optional<Long> mib =
          checks.wholeNumber(
              legacyMemory.value(), "permissions.resources.memory", "memory in MiB, such as 512");
      if (mib.isPresent()) {
        long bytes = mib.get() << 20;
        memory = Optional.of(memory.map(m -> Math.min(m, bytes)).orElse(bytes));
      }
    }
    Entry io = node.entries().get("io");
    if (io != null) {
      checks.wholeNumber(io.value(), "permissions.resources.io", "a whole number");
    }
    if (memory.isPresent()
        && (memory.get() < Limits.MIN_MEMORY || memory.get() > Limits.MAX_MEMORY)) {
      checks.problem(
          node.mark(),
          "permissions.resources",
          "memory limit must be between 64Ki and 4Gi",
          "such as limits: {memory: \"512Mi\"}");
      memory = Optional.empty();
    }
    return new Resources(cpu, memory);
  }

  private void ipc(MapNode node) {
    checks.checkKeys(node, "permissions.ipc", Set.of("allow", "deny"), Map.of());
    for (String key : List.of("allow", "deny")) {
      checks.list(
          node,
          key,
          "permissions.ipc." + key,
          at -> {
            MapNode entry =
                checks.map(at.node(), at.path(), "an entry such as {uri: \"pipe://name\"}");
            if (entry != null) {
              checks.checkKeys(entry, at.path(), Set.of("uri"), Map.of());
              checks.requiredString(entry, "uri", at.path() + ".uri", "uri: \"pipe://name\"");
            }
            return Boolean.TRUE;
          });
    }
  }

  // ---- Corral's limits and secrets ----------------------------------------------------------

  private LimitSettings limits(MapNode node) {
    if (node == null) {
      return LimitSettings.NONE;
    }
    checks.checkKeys(
        node,
        "limits",
        Set.of("timeout", "memory", "output"),
        Map.of(
            "cpu",
            "Corral bounds CPU with timeout; Wassette's cpu goes under permissions.resources.limits"));
    Optional<Duration> timeout = Optional.empty();
    Entry t = node.entries().get("timeout");
    if (t != null) {
      String text = checks.string(t.value(), "limits.timeout", "a duration such as \"30s\"");
      if (text != null) {
        try {
          Duration d = Quantities.parseDuration(text);
          if (d.isZero() || d.compareTo(Limits.MAX_TIMEOUT) > 0) {
            checks.problem(
                t.value().mark(),
                "limits.timeout",
                "timeout must be more than 0 and at most 24h",
                "such as 30s");
          } else {
            timeout = Optional.of(d);
          }
        } catch (IllegalArgumentException e) {
          checks.problem(
              t.value().mark(),
              "limits.timeout",
              e.getMessage(),
              "such as 500ms, 30s or 5m; at most 24h");
        }
      }
    }
    Optional<Long> memory =
        sizeLimit(
            node, "memory", Limits.MIN_MEMORY, Limits.MAX_MEMORY, "64Ki", "4Gi", "256Mi or 1Gi");
    Optional<Long> output =
        sizeLimit(node, "output", 1, Limits.MAX_OUTPUT, "1", "1Gi", "1Mi or 512Ki");
    return new LimitSettings(timeout, memory, output);
  }

  private Optional<Long> sizeLimit(
      MapNode node,
      String key,
      long min,
      long max,
      String minText,
      String maxText,
      String example) {
    Entry e = node.entries().get(key);
    if (e == null) {
      return Optional.empty();
    }
    Optional<Long> value =
        checks.quantity(e.value(), "limits." + key, Quantities::parseBytes, example);
    if (value.isPresent() && (value.get() < min || value.get() > max)) {
      checks.problem(
          e.value().mark(),
          "limits." + key,
          key + " must be between " + minText + " and " + maxText,
          "such as " + example);
      return Optional.empty();
    }
    return value;
  }

  private List<SecretRef> secrets(Entry entry, EnvironmentPolicy environment) {
    if (entry == null || (entry.value() instanceof Scalar s && s.isNull())) {
      return List.of();
    }
    if (!(entry.value() instanceof Seq seq)) {
      checks.wrongType(entry.value(), "secrets", "a list of {name, env} entries");
      return List.of();
    }
    List<SecretRef> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Set<String> envs = new LinkedHashSet<>();
    for (int i = 0; i < seq.items().size(); i++) {
      String path = "secrets[" + i + "]";
      MapNode item =
          checks.map(
              seq.items().get(i), path, "an entry such as {name: github-token, env: GITHUB_TOKEN}");
      if (item == null) {
        continue;
      }
      checks.checkKeys(
          item,
          path,
          Set.of("name", "env"),
          Map.of(
              "value",
              "secret values are never written in the policy file; store them with SecretStore (corral secret set)",
              "value_from",
              "the value comes from Corral's secret store under this name"));
      String name = checks.requiredString(item, "name", path + ".name", "name: github-token");
      if (name == null) {
        continue;
      }
      Mark nameMark = item.entries().get("name").value().mark();
      if (!SECRET_NAME.matcher(name).matches()) {
        checks.problem(
            nameMark,
            path + ".name",
            "secret name '" + name + "' is not valid",
            "use letters, digits, '.', '_' and '-', starting with a letter or digit");
        continue;
      }
      String env = name;
      Mark envMark = nameMark;
      if (item.entries().containsKey("env")) {
        env =
            checks.string(
                item.entries().get("env").value(), path + ".env", "an environment variable name");
        envMark = item.entries().get("env").value().mark();
        if (env == null) {
          continue;
        }
      }
      String error = environmentKeyError(env);
      if (error != null) {
        checks.problem(
            envMark,
            path + ".env",
            error,
            "name the variable the component reads, such as GITHUB_TOKEN");
        continue;
      }
      if (!names.add(name)) {
        checks.problem(
            nameMark,
            path + ".name",
            "secret '" + name + "' is listed twice",
            "list each secret once");
        continue;
      }
      if (!envs.add(env) || environment.allows(env)) {
        checks.problem(
            envMark,
            path + ".env",
            "variable '"
                + env
                + "' is already provided by another secret or by permissions.environment",
            "give each variable one source");
        continue;
      }
      out.add(new SecretRef(name, env));
    }
    return out;
  }
}
