package dev.corral.oci;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the credentials for a registry host. */
@FunctionalInterface
public interface CredentialStore {
  /** Environment variable: user name for registry authentication. */
  String USERNAME_VARIABLE = "CORRAL_REGISTRY_USERNAME";

  /** Environment variable: password for registry authentication (with the user name). */
  String PASSWORD_VARIABLE = "CORRAL_REGISTRY_PASSWORD";

  /** Environment variable: a bearer token, used instead of a user name and password. */
  String TOKEN_VARIABLE = "CORRAL_REGISTRY_TOKEN";

  /**
   * Environment variable: the only registry host[:port] the variables above are sent to (optional).
   */
  String HOST_VARIABLE = "CORRAL_REGISTRY_HOST";

  /**
   * The credentials for {@code registry} (host or host:port); {@link Credentials#ANONYMOUS} if
   * none.
   */
  Credentials credentialsFor(String registry) throws OciException;

  /** No credentials for anything. */
  static CredentialStore anonymous() {
    return registry -> Credentials.ANONYMOUS;
  }

  /** The same credentials for every registry (tests, explicit CLI options). */
  static CredentialStore fixed(Credentials credentials) {
    return registry -> credentials;
  }

  /**
   * Credentials from {@value #TOKEN_VARIABLE} or {@value #USERNAME_VARIABLE} + {@value
   * #PASSWORD_VARIABLE}, restricted to {@value #HOST_VARIABLE} when that is set.
   */
  static CredentialStore fromEnvironment(Map<String, String> env) {
    return registry -> {
      String host = env.get(HOST_VARIABLE);
      if (host != null && !host.isBlank() && !host.equals(registry)) {
        return Credentials.ANONYMOUS;
      }
      String token = env.get(TOKEN_VARIABLE);
      if (token != null && !token.isEmpty()) {
        return new Credentials.Token(token);
      }
      String user = env.get(USERNAME_VARIABLE);
      String password = env.get(PASSWORD_VARIABLE);
      if (user != null && !user.isEmpty()) {
        if (password == null) {
          throw new OciException(
              USERNAME_VARIABLE + " is set but " + PASSWORD_VARIABLE + " is not");
        }
        return new Credentials.Basic(user, password);
      }
      return Credentials.ANONYMOUS;
    };
  }

  /**
   * Credentials from Docker/Podman auth files ({@code credHelpers}, {@code credsStore}, which run
   * {@code docker-credential-NAME get}, and {@code auths} entries); see {@link
   * DockerConfigCredentials}. Missing files are skipped.
   */
  static CredentialStore dockerConfig(List<Path> configFiles) {
    return new DockerConfigCredentials(configFiles);
  }

  /**
   * The default auth files: {@code $DOCKER_CONFIG/config.json} (or {@code ~/.docker/config.json}),
   * {@code $REGISTRY_AUTH_FILE}, {@code $XDG_RUNTIME_DIR/containers/auth.json}.
   */
  static List<Path> defaultDockerConfigFiles(Map<String, String> env) {
    List<Path> files = new ArrayList<>();
    String dockerConfig = env.get("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isBlank()) {
      files.add(Path.of(dockerConfig, "config.json"));
    } else {
      files.add(Path.of(System.getProperty("user.home"), ".docker", "config.json"));
    }
    String authFile = env.get("REGISTRY_AUTH_FILE");
    if (authFile != null && !authFile.isBlank()) {
      files.add(Path.of(authFile));
    }
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      files.add(Path.of(runtime, "containers", "auth.json"));
    }
    return files;
  }

  /** The first store that has credentials wins. */
  static CredentialStore chain(CredentialStore... stores) {
    List<CredentialStore> list = List.of(stores);
    return registry -> {
      for (CredentialStore store : list) {
        Credentials c = store.credentialsFor(registry);
        if (!(c instanceof Credentials.Anonymous)) {
          return c;
        }
      }
      return Credentials.ANONYMOUS;
    };
  }
}
