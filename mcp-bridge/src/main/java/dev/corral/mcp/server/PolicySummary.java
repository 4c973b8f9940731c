package dev.corral.mcp.server;

import static dev.corral.mcp.server.ApprovalQuestion.quote;

import dev.corral.policy.Access;
import dev.corral.policy.Limits;
import dev.corral.policy.NetworkRule;
import dev.corral.policy.Policy;
import dev.corral.policy.SecretRef;
import dev.corral.policy.StorageRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy as lines of an {@link ApprovalQuestion}: each storage, network and environment rule,
 * each secret (and each stored secret value the policy does not name), and the limits, saying when
 * they are above the defaults.
 */
final class PolicySummary {
  private PolicySummary() {}

  /**
   * The lines for {@code policy}, with {@code storedSecrets} the names of the secret values kept
   * for the component.
   */
  static List<String> lines(Policy policy, Set<String> storedSecrets) {
    List<String> lines = new ArrayList<>();
    boolean grantsNothing =
        policy.storage().allow().isEmpty()
            && policy.network().allow().isEmpty()
            && policy.environment().allow().isEmpty()
            && policy.secrets().isEmpty()
            && storedSecrets.isEmpty();
    if (grantsNothing) {
      lines.add("no files, network, environment variables or secrets");
    }
    policy.storage().allow().forEach(rule -> lines.add("storage " + storage(rule)));
    policy.storage().deny().forEach(rule -> lines.add("storage denied " + storage(rule)));
    policy.network().allow().forEach(rule -> lines.add("network " + network(rule)));
    policy.network().deny().forEach(rule -> lines.add("network denied " + network(rule)));
    policy.environment().allow().forEach(key -> lines.add("environment variable " + quote(key)));
    Set<String> unnamed = new TreeSet<>(storedSecrets);
    for (SecretRef secret : policy.secrets()) {
      unnamed.remove(secret.name());
      lines.add(
          "secret "
              + quote(secret.name())
              + " as the environment variable "
              + quote(secret.env())
              + (storedSecrets.contains(secret.name())
                  ? " (its stored value is kept)"
                  : " (no value stored)"));
    }
    unnamed.forEach(
        name -> lines.add("stored secret " + quote(name) + " (kept; the policy does not name it)"));
    Limits limits = policy.limits();
    lines.add(
        "limits: "
            + limits.text()
            + (limits.raisesDefaults()
                ? " (above the defaults: " + Limits.DEFAULTS.text() + ")"
                : limits.equals(Limits.DEFAULTS) ? " (the defaults)" : ""));
    return lines;
  }

  /** True if {@code policy} grants anything, names a secret or raises a limit above its default. */
  static boolean grantsAnything(Policy policy) {
    return !policy.storage().allow().isEmpty()
        || !policy.network().allow().isEmpty()
        || !policy.environment().allow().isEmpty()
        || !policy.secrets().isEmpty()
        || policy.limits().raisesDefaults();
  }

  private static String storage(StorageRule rule) {
    return quote(rule.uri())
        + " ("
        + String.join(", ", rule.access().stream().sorted().map(Access::yamlName).toList())
        + ")";
  }

  private static String network(NetworkRule rule) {
    return quote(rule.describe());
  }
}
