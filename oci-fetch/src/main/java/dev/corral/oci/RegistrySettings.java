package dev.corral.oci;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to talk to registries.
 *
 * @param insecureRegistries host:port entries reached over plain HTTP; all others use HTTPS
 * @param credentials where credentials come from
 * @param timeout connect and per-request timeout
 */
public record RegistrySettings(Set<String> insecureRegistries, CredentialStore credentials, Duration timeout) {
    /** Environment variable: comma-separated host:port list of registries reached over plain HTTP. */
    public static final String INSECURE_VARIABLE = "CORRAL_INSECURE_REGISTRIES";

    public RegistrySettings {
        insecureRegistries = Set.copyOf(insecureRegistries);
    }

    /**
     * Settings from the environment: {@value #INSECURE_VARIABLE}, then credentials from
     * {@link CredentialStore#fromEnvironment} and the Docker config files.
     */
    public static RegistrySettings fromEnvironment(Map<String, String> env) {
        String insecure = env.getOrDefault(INSECURE_VARIABLE, "");
        Set<String> hosts = Arrays.stream(insecure.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        return new RegistrySettings(hosts, CredentialStore.chain(CredentialStore.fromEnvironment(env),
                CredentialStore.dockerConfig(CredentialStore.defaultDockerConfigFiles(env))), Duration.ofSeconds(60));
    }

    public RegistrySettings withCredentials(CredentialStore store) {
        return new RegistrySettings(insecureRegistries, store, timeout);
    }

    String scheme(String registry) {
        return insecureRegistries.contains(registry) ? "http" : "https";
    }
}
