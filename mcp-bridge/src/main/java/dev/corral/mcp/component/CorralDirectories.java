package dev.corral.mcp.component;

import dev.corral.policy.PolicyStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * Corral's directories, following the XDG base directory spec: data under {@code
 * $XDG_DATA_HOME/corral} (default {@code ~/.local/share/corral}), configuration under {@code
 * $XDG_CONFIG_HOME/corral} (default {@code ~/.config/corral}), and what can be made again (the
 * compiled code of components) under {@code $XDG_CACHE_HOME/corral} (default {@code
 * ~/.cache/corral}).
 *
 * @param data where installed components, secrets and the samples live
 * @param config where the trust policy, the catalogue and the bearer token live
 * @param cache where the compiled code of components is kept between runs (see {@code CodeCache})
 */
public record CorralDirectories(Path data, Path config, Path cache) {
  /** The directories for this user, from {@code environment} and {@code userHome}. */
  public static CorralDirectories of(Map<String, String> environment, Path userHome) {
    return new CorralDirectories(
        base(environment, "XDG_DATA_HOME", userHome.resolve(".local/share")).resolve("corral"),
        base(environment, "XDG_CONFIG_HOME", userHome.resolve(".config")).resolve("corral"),
        base(environment, "XDG_CACHE_HOME", userHome.resolve(".cache")).resolve("corral"));
  }

  private static Path base(Map<String, String> environment, String variable, Path fallback) {
    String value = environment.get(variable);
    return value != null && !value.isBlank() && Path.of(value).isAbsolute()
        ? Path.of(value)
        : fallback;
  }

  /** Where installed components and their policies live (unless --component-dir says otherwise). */
  public Path components() {
    return data.resolve("components");
  }

  /**
   * The installed components: in {@code override} (--component-dir) when not null, else in {@link
   * #components()}.
   */
  public ComponentDirectory installed(Path override) {
    return componentDirectory(override != null ? override : components());
  }

  /**
   * The components in {@code directory}, with their policies beside them and secrets in {@link
   * #secrets()}.
   */
  public ComponentDirectory componentDirectory(Path directory) {
    return new ComponentDirectory(new PolicyStore(directory, secrets()));
  }

  /**
   * Where secret values live, one file per component (see {@link dev.corral.policy.SecretStore}).
   */
  public Path secrets() {
    return data.resolve("secrets");
  }

  /** The bearer token {@code serve --http} generates and keeps. */
  public Path tokenFile() {
    return config.resolve("token");
  }

  /** The trust policy for signed components: registry/repository prefixes and their keys. */
  public Path trustPolicy() {
    return config.resolve("trust.json");
  }

  /** The directories of the user running this process. */
  public static CorralDirectories current() {
    return of(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** Where the bundled sample tools are written to be served. */
  public Path samples() {
    return data.resolve("samples");
  }
}
