package dev.corral.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Credentials from Docker/Podman auth files: {@code credHelpers} (per registry), then {@code
 * credsStore}, then {@code auths} entries ({@code auth} = base64 of {@code user:password}, or
 * {@code username}/{@code password}). Helpers are run by {@link CredentialHelper}. Files are read
 * in order; the first that knows the registry wins. Identity (refresh) tokens are not supported.
 */
final class DockerConfigCredentials implements CredentialStore {
  /** How long a credential helper may take. */
  static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);

  private final List<Path> files;
  private final Duration helperTimeout;

  DockerConfigCredentials(List<Path> files) {
    this(files, HELPER_TIMEOUT);
  }

  DockerConfigCredentials(List<Path> files, Duration helperTimeout) {
    this.files = List.copyOf(files);
    this.helperTimeout = helperTimeout;
  }

  @Override
  public Credentials credentialsFor(String registry) throws OciException {
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Credentials found = fromFile(file, registry);
      if (!(found instanceof Credentials.Anonymous)) {
        return found;
      }
    }
    return Credentials.ANONYMOUS;
  }

  private Credentials fromFile(Path file, String registry) throws OciException {
    JsonNode root;
    try {
      root = Json.parse(Files.readAllBytes(file), "Docker config " + file);
    } catch (IOException e) {
      throw new OciException("cannot read Docker config " + file + ": " + e.getMessage(), e);
    }
    String helper = root.path("credHelpers").path(registry).asString("");
    if (!helper.isEmpty()) {
      return new CredentialHelper(helper, helperTimeout).get(registry, file);
    }
    String store = root.path("credsStore").asString("");
    if (!store.isEmpty()) {
      Credentials fromStore = new CredentialHelper(store, helperTimeout).get(registry, file);
      if (!(fromStore instanceof Credentials.Anonymous)) {
        return fromStore;
      }
    }
    JsonNode auths = root.path("auths");
    for (String key : auths.propertyNames()) {
      if (!hostOf(key).equals(registry)) {
        continue;
      }
      JsonNode entry = auths.get(key);
      String path = file + ": $.auths['" + key + "']";
      String auth = entry.path("auth").asString("");
      if (!auth.isEmpty()) {
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new OciException(path + ".auth is not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
          throw new OciException(path + ".auth does not decode to user:password");
        }
        return new Credentials.Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
      }
      String user = entry.path("username").asString("");
      if (!user.isEmpty()) {
        return new Credentials.Basic(user, entry.path("password").asString(""));
      }
    }
    return Credentials.ANONYMOUS;
  }

  /** {@code https://host/v1/}, {@code http://host}, {@code host} all name {@code host}. */
  private static String hostOf(String key) {
    String s = key.replaceFirst("^[a-z]+://", "");
    int slash = s.indexOf('/');
    return slash < 0 ? s : s.substring(0, slash);
  }
}
