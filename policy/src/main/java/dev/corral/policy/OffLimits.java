package dev.corral.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What no policy may grant a component: Corral's own environment variables (its bearer token, its
 * signing-key password, its settings) and its own files and directories (data, secrets,
 * configuration, token, cache, installed components). The program embedding the policy module knows
 * them and passes them in; a grant naming one is refused when it is made and withheld when a policy
 * file names it anyway ({@link StoragePolicy#mountPlan(OffLimits)}, {@link
 * EnvironmentPolicy#withheld(OffLimits)}).
 *
 * @param variables environment variable names, exactly
 * @param variablePrefixes every variable starting with one of these (such as {@code CORRAL_})
 * @param paths each protected file or directory and what it is, such as {@code Corral's data
 *     directory}; a grant may neither lie inside one nor contain one
 */
public record OffLimits(
    Set<String> variables, List<String> variablePrefixes, Map<Path, String> paths) {
  /** Nothing is off limits. */
  public static final OffLimits NONE = new OffLimits(Set.of(), List.of(), Map.of());

  public OffLimits {
    variables = Set.copyOf(variables);
    variablePrefixes = List.copyOf(variablePrefixes);
    Map<Path, String> absolute = new LinkedHashMap<>();
    paths.forEach((path, what) -> absolute.put(path.toAbsolutePath().normalize(), what));
    paths = java.util.Collections.unmodifiableMap(absolute);
  }

  /** Why the environment variable {@code name} may not be granted, if it may not. */
  public Optional<String> variable(String name) {
    if (variables.contains(name) || variablePrefixes.stream().anyMatch(name::startsWith)) {
      return Optional.of(
          "it is one of Corral's own environment variables, which no component may read");
    }
    return Optional.empty();
  }

  /**
   * Why a grant of the directory tree at {@code root} may not be made, if it may not: it covers or
   * lies inside a protected path. Compared as named and, for what exists, as the real paths (so a
   * link to a protected directory is no way around it).
   */
  public Optional<String> storage(Path root) {
    List<Path> grant = forms(root);
    for (Map.Entry<Path, String> protectedPath : paths.entrySet()) {
      for (Path p : forms(protectedPath.getKey())) {
        for (Path g : grant) {
          if (p.startsWith(g)) {
            return Optional.of(
                "it covers "
                    + protectedPath.getValue()
                    + " "
                    + protectedPath.getKey()
                    + ", which no component may reach");
          }
          if (g.startsWith(p)) {
            return Optional.of(
                "it lies inside "
                    + protectedPath.getValue()
                    + " "
                    + protectedPath.getKey()
                    + ", which no component may reach");
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Why granting the environment variable {@code key} is refused, as one sentence, if it is. */
  public Optional<String> refusesVariable(String key) {
    return variable(key).map(reason -> key + " cannot be granted: " + reason);
  }

  /**
   * Why granting {@code uri} (an {@code fs://} URI in a policy file in {@code policyDirectory}) is
   * refused, as one sentence, if it is. A malformed URI is not refused here: the policy editor says
   * what is wrong with it.
   */
  public Optional<String> refusesStorage(String uri, Path policyDirectory) {
    PathPattern pattern;
    try {
      pattern = PathPattern.parse(uri, policyDirectory);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return storage(pattern.root()).map(reason -> uri + " cannot be granted: " + reason);
  }

  /** The entries of {@code environment} no policy may grant removed. */
  public Map<String, String> withoutVariables(Map<String, String> environment) {
    Map<String, String> kept = new LinkedHashMap<>(environment);
    kept.keySet().removeIf(name -> variable(name).isPresent());
    return java.util.Collections.unmodifiableMap(kept);
  }

  /**
   * The path as named and, where it or an ancestor exists, with its existing part's links resolved.
   */
  private static List<Path> forms(Path path) {
    Path named = path.toAbsolutePath().normalize();
    Path existing = named;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return List.of(named);
    }
    try {
      Path real = existing.toRealPath().resolve(existing.relativize(named));
      return real.equals(named) ? List.of(named) : List.of(named, real);
    } catch (IOException e) {
      return List.of(named); // not readable (or a dangling link): compared as named
    }
  }
}
