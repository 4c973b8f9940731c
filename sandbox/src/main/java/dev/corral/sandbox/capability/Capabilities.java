package dev.corral.sandbox.capability;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one tool may do, granted by its policy: the host directories it sees, the network endpoints
 * it may reach, the environment variables it reads, its command-line arguments, and the limits on
 * each call. Everything not granted is denied; {@link #none()} grants nothing.
 */
public record Capabilities(
    List<DirectoryGrant> directories,
    NetworkAccess network,
    Map<String, String> environment,
    List<String> arguments,
    Limits limits) {
  public Capabilities {
    directories = List.copyOf(directories);
    Objects.requireNonNull(network, "network");
    environment = Map.copyOf(environment);
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(limits, "limits");
    java.util.Set<String> guestPaths = new java.util.HashSet<>();
    for (DirectoryGrant grant : directories) {
      if (!guestPaths.add(grant.guestPath())) {
        throw new IllegalArgumentException(
            "two directories are granted at guest path " + grant.guestPath());
      }
    }
  }

  /** Default deny: no directories, no network, an empty environment, default limits. */
  public static Capabilities none() {
    return new Capabilities(
        List.of(), NetworkAccess.none(), Map.of(), List.of(), Limits.defaults());
  }

  public Capabilities withDirectories(List<DirectoryGrant> grants) {
    return new Capabilities(grants, network, environment, arguments, limits);
  }

  public Capabilities withNetwork(NetworkAccess access) {
    return new Capabilities(directories, access, environment, arguments, limits);
  }

  public Capabilities withEnvironment(Map<String, String> variables) {
    return new Capabilities(directories, network, variables, arguments, limits);
  }

  public Capabilities withArguments(List<String> args) {
    return new Capabilities(directories, network, environment, args, limits);
  }

  public Capabilities withLimits(Limits newLimits) {
    return new Capabilities(directories, network, environment, arguments, newLimits);
  }
}
