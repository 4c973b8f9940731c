package dev.corral.oci;

import java.util.Locale;

/**
 * The repository a signature names, compared as cosign compares it: {@code registry/repository},
 * without tag or digest. Names are normalised the way Docker's reference grammar reads them: a
 * first element without {@code .} or {@code :} (and not {@code localhost}) is a Docker Hub
 * repository, {@code docker.io}, {@code index.docker.io} and {@code registry-1.docker.io} are one
 * registry, a one-element Docker Hub repository is under {@code library/}, and host names are
 * compared without case. Ports are compared exactly: {@code host} and {@code host:443} are
 * different names, as in cosign.
 */
public final class RepositoryName {
  private static final String DOCKER_HUB = "index.docker.io";

  private RepositoryName() {}

  /** The normalised {@code registry/repository} of a reference. */
  public static String of(OciReference reference) {
    return normalize(reference.registry(), reference.repository());
  }

  /**
   * The normalised {@code registry/repository} of a reference as a signature writes it ({@code
   * docker-reference}, an in-toto subject name): tag and digest are dropped.
   */
  public static String ofSigned(String signed) {
    String name = signed;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      name = name.substring(0, colon);
    }
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    boolean hasRegistry =
        slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    return hasRegistry ? normalize(first, name.substring(slash + 1)) : normalize("docker.io", name);
  }

  private static String normalize(String registry, String repository) {
    String host = registry.toLowerCase(Locale.ROOT);
    if (host.equals("docker.io") || host.equals("registry-1.docker.io")) {
      host = DOCKER_HUB;
    }
    String repo =
        host.equals(DOCKER_HUB) && !repository.contains("/") ? "library/" + repository : repository;
    return host + "/" + repo;
  }
}
