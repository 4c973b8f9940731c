package dev.corral.mcp.component;

import dev.corral.oci.CosignKeys;
import dev.corral.policy.OffLimits;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Corral's own secrets and state, which no policy may grant a component: every environment variable
 * the server or the CLI reads (its bearer token, the signing-key password, registry credentials and
 * settings, where its directories are) and its token file, secrets, data, configuration, cache and
 * component directories. Passed down to the policy module as an {@link OffLimits}, which refuses
 * and withholds grants naming them.
 */
public final class OwnResources {
  /** Every variable Corral reads starts with this, except {@link #OTHER_VARIABLES}. */
  public static final String PREFIX = "CORRAL_";

  /**
   * The other variables Corral reads: the cosign key password, where registry credentials are
   * ({@code CredentialStore}) and where its own directories are ({@link CorralDirectories}).
   */
  public static final Set<String> OTHER_VARIABLES =
      Set.of(
          CosignKeys.PASSWORD_VARIABLE,
          "DOCKER_CONFIG",
          "REGISTRY_AUTH_FILE",
          "XDG_RUNTIME_DIR",
          "XDG_DATA_HOME",
          "XDG_CONFIG_HOME",
          "XDG_CACHE_HOME");

  private OwnResources() {}

  /**
   * What is off limits for the user of {@code directories}; {@code componentDir} is where installed
   * components live when given with {@code --component-dir} (null: the default, inside the data
   * directory). The most specific paths come first, so a refusal names the closest.
   */
  public static OffLimits of(CorralDirectories directories, Path componentDir) {
    Map<Path, String> paths = new LinkedHashMap<>();
    paths.put(directories.tokenFile(), "Corral's token file");
    paths.put(directories.secrets(), "Corral's secrets directory");
    if (componentDir != null) {
      paths.put(componentDir, "Corral's component directory");
    }
    paths.put(directories.components(), "Corral's component directory");
    paths.put(directories.data(), "Corral's data directory");
    paths.put(directories.config(), "Corral's configuration directory");
    paths.put(directories.cache(), "Corral's cache directory");
    return new OffLimits(OTHER_VARIABLES, List.of(PREFIX), paths);
  }
}
