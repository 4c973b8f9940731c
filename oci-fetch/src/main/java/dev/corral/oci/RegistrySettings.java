package dev.corral.oci;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * How to talk to registries and {@code https://} sources.
 *
 * @param insecureRegistries host:port entries reached over plain HTTP; all others use HTTPS
 * @param credentials where credentials come from
 * @param timeout connect and per-request timeout, and how long a body may deliver no data
 * @param sslContext TLS for HTTPS (registries and {@code https://} sources); by default the JDK's
 *     trust store
 * @param maxComponentBytes the largest layer or {@code https://} download accepted
 */
public record RegistrySettings(
    Set<String> insecureRegistries,
    CredentialStore credentials,
    Duration timeout,
    SSLContext sslContext,
    long maxComponentBytes) {
  /** Environment variable: comma-separated host:port list of registries reached over plain HTTP. */
  public static final String INSECURE_VARIABLE = "CORRAL_INSECURE_REGISTRIES";

  /** The default {@link #maxComponentBytes}: 256 MiB. */
  public static final long MAX_COMPONENT_BYTES = 256L * 1024 * 1024;

  public RegistrySettings {
    insecureRegistries = Set.copyOf(insecureRegistries);
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(sslContext, "sslContext");
    if (maxComponentBytes <= 0) {
      throw new IllegalArgumentException(
          "maxComponentBytes must be positive: " + maxComponentBytes);
    }
  }

  /** Settings with the JDK's default TLS and the default size limit. */
  public RegistrySettings(
      Set<String> insecureRegistries, CredentialStore credentials, Duration timeout) {
    this(insecureRegistries, credentials, timeout, defaultSslContext(), MAX_COMPONENT_BYTES);
  }

  /**
   * Settings from the environment: {@value #INSECURE_VARIABLE}, then credentials from {@link
   * CredentialStore#fromEnvironment} and the Docker config files.
   */
  public static RegistrySettings fromEnvironment(Map<String, String> env) {
    String insecure = env.getOrDefault(INSECURE_VARIABLE, "");
    Set<String> hosts =
        Arrays.stream(insecure.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    return new RegistrySettings(
        hosts,
        CredentialStore.chain(
            CredentialStore.fromEnvironment(env),
            CredentialStore.dockerConfig(CredentialStore.defaultDockerConfigFiles(env))),
        Duration.ofSeconds(60));
  }

  public RegistrySettings withCredentials(CredentialStore store) {
    return new RegistrySettings(insecureRegistries, store, timeout, sslContext, maxComponentBytes);
  }

  /** These settings with another TLS context (e.g. trusting a private certificate authority). */
  public RegistrySettings withSslContext(SSLContext context) {
    return new RegistrySettings(
        insecureRegistries, credentials, timeout, context, maxComponentBytes);
  }

  /** These settings with another size limit for layers and downloads. */
  public RegistrySettings withMaxComponentBytes(long bytes) {
    return new RegistrySettings(insecureRegistries, credentials, timeout, sslContext, bytes);
  }

  String scheme(String registry) {
    return insecureRegistries.contains(registry) ? "http" : "https";
  }

  private static SSLContext defaultSslContext() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }
}
