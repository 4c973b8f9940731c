package dev.corral.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filesystem part of a policy. An access to a path is denied if a deny rule covers the path and
 * lists that access (deny wins), otherwise allowed if an allow rule covers the path and lists the
 * access, otherwise denied. Paths are compared lexically after normalization: callers should pass
 * real paths (symlinks resolved) so a link cannot lead outside a granted tree.
 */
public record StoragePolicy(List<StorageRule> allow, List<StorageRule> deny) {
  public static final StoragePolicy DENY_ALL = new StoragePolicy(List.of(), List.of());

  public StoragePolicy {
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
  }

  /** Decides {@code access} to the absolute {@code path}, naming the deciding rule. */
  public Decision decide(Path path, Access access) {
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("path must be absolute: " + path);
    }
    Path normalized = path.normalize();
    String what = access.yamlName() + " " + normalized;
    for (int i = 0; i < deny.size(); i++) {
      StorageRule rule = deny.get(i);
      if (rule.access().contains(access) && rule.pattern().covers(normalized)) {
        return Decision.deny(
            what + " denied by permissions.storage.deny[" + i + "] (" + rule.describe() + ")");
      }
    }
    for (int i = 0; i < allow.size(); i++) {
      StorageRule rule = allow.get(i);
      if (rule.access().contains(access) && rule.pattern().covers(normalized)) {
        return Decision.allow(
            what + " allowed by permissions.storage.allow[" + i + "] (" + rule.describe() + ")");
      }
    }
    return Decision.deny(what + " denied: no permissions.storage.allow rule covers it");
  }

  /** Shorthand for {@code decide(path, access).allowed()}. */
  public boolean allows(Path path, Access access) {
    return decide(path, access).allowed();
  }

  /**
   * The directories a sandbox must make reachable (preopen) for the allow rules: each rule's
   * literal root, with the union of accesses granted at or below it. Nested roots are kept; the
   * sandbox still asks {@link #decide} for each path, which also applies the deny rules.
   */
  public Map<Path, Set<Access>> roots() {
    Map<Path, Set<Access>> roots = new LinkedHashMap<>();
    for (StorageRule rule : allow) {
      roots
          .computeIfAbsent(rule.pattern().root(), r -> EnumSet.noneOf(Access.class))
          .addAll(rule.access());
    }
    Map<Path, Set<Access>> frozen = new LinkedHashMap<>();
    roots.forEach((root, access) -> frozen.put(root, Set.copyOf(access)));
    return java.util.Collections.unmodifiableMap(frozen);
  }

  /**
   * The allow rules as whole-directory grants (see {@link MountPlan}). A rule becomes a mount of
   * its root when its pattern names the whole tree ({@code fs:///d} or {@code fs:///d/**}); a rule
   * with any other glob is withheld. A deny rule covering the root removes its accesses from the
   * mount; a deny rule reaching only part of the tree (inside the root, or a glob) removes them
   * too, since a directory grant cannot make exceptions. What is left must include read (a
   * directory grant cannot be write-only); otherwise the rule is withheld.
   */
  public MountPlan mountPlan() {
    return mountPlan(OffLimits.NONE);
  }

  /**
   * {@link #mountPlan()}, also withholding every rule whose root covers or lies inside a path that
   * is {@code offLimits}.
   */
  public MountPlan mountPlan(OffLimits offLimits) {
    java.util.LinkedHashMap<Path, Boolean> mounts = new java.util.LinkedHashMap<>();
    List<String> withheld = new ArrayList<>();
    for (int i = 0; i < allow.size(); i++) {
      StorageRule rule = allow.get(i);
      String name = "permissions.storage.allow[" + i + "] (" + rule.uri() + ")";
      List<String> glob = rule.pattern().glob();
      if (!glob.isEmpty() && !glob.equals(List.of("**"))) {
        withheld.add(
            name
                + " not granted: its pattern needs per-path checks, which directory grants cannot make");
        continue;
      }
      Path root = rule.pattern().root();
      java.util.Optional<String> offLimitsReason = offLimits.storage(root);
      if (offLimitsReason.isPresent()) {
        withheld.add(name + " not granted: " + offLimitsReason.get());
        continue;
      }
      Set<Access> access = EnumSet.copyOf(rule.access());
      for (int j = 0; j < deny.size(); j++) {
        StorageRule denied = deny.get(j);
        boolean overlaps = denied.pattern().mayReachInto(root);
        Set<Access> removed = EnumSet.copyOf(access);
        removed.retainAll(denied.access());
        if (overlaps && !removed.isEmpty()) {
          access.removeAll(removed);
          withheld.add(
              name
                  + ": "
                  + removed.stream().sorted().map(Access::yamlName).toList()
                  + " withheld because of permissions.storage.deny["
                  + j
                  + "] ("
                  + denied.uri()
                  + ")");
        }
      }
      if (!access.contains(Access.READ)) {
        if (!access.isEmpty()) {
          withheld.add(name + " not granted: a directory grant cannot be write-only");
        }
        continue;
      }
      mounts.merge(root, access.contains(Access.WRITE), Boolean::logicalOr);
    }
    List<MountPlan.Mount> out = new ArrayList<>();
    mounts.forEach((root, writable) -> out.add(new MountPlan.Mount(root, writable)));
    return new MountPlan(out, withheld);
  }

  /** The allow rules whose URI is exactly {@code uri}. */
  List<Integer> allowIndexesOf(String uri) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < allow.size(); i++) {
      if (allow.get(i).uri().equals(uri)) {
        found.add(i);
      }
    }
    return found;
  }
}
