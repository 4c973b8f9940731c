package dev.corral.policy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment part of a policy: the exact names of host environment variables a component may
 * see. There are no wildcards and no deny list; a name not listed is not visible.
 */
public record EnvironmentPolicy(List<String> allow) {
  public static final EnvironmentPolicy DENY_ALL = new EnvironmentPolicy(List.of());

  public EnvironmentPolicy {
    allow = List.copyOf(allow);
  }

  /** The allowed names, in file order. */
  public Set<String> allowedKeys() {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(allow));
  }

  public boolean allows(String key) {
    return allow.contains(key);
  }

  /**
   * One sentence for each allowed name that {@code offLimits} withholds, naming the rule, as {@link
   * MountPlan#withheld()} does for storage.
   */
  public List<String> withheld(OffLimits offLimits) {
    List<String> withheld = new java.util.ArrayList<>();
    for (int i = 0; i < allow.size(); i++) {
      String key = allow.get(i);
      int index = i;
      offLimits
          .variable(key)
          .ifPresent(
              reason ->
                  withheld.add(
                      "permissions.environment.allow["
                          + index
                          + "] ("
                          + key
                          + ") not granted: "
                          + reason));
    }
    return withheld;
  }

  /** The entries of {@code hostEnvironment} whose names are allowed, in file order. */
  public Map<String, String> select(Map<String, String> hostEnvironment) {
    Map<String, String> selected = new LinkedHashMap<>();
    for (String key : allow) {
      String value = hostEnvironment.get(key);
      if (value != null) {
        selected.put(key, value);
      }
    }
    return java.util.Collections.unmodifiableMap(selected);
  }
}
