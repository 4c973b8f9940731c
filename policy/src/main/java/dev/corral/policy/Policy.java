package dev.corral.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated policy for one component. Immutable. Ask it questions through {@link
 * #storage()}, {@link #network()}, {@link #environment()}, {@link #limits()} and {@link
 * #secrets()}; {@link #denyAll()} is what a component without a policy file gets.
 *
 * @param version the {@code version} field ({@code 1.x})
 * @param description the {@code description} field
 * @param schema the {@code $schema} field (ignored; editors use it)
 * @param storage {@code permissions.storage}
 * @param network {@code permissions.network}
 * @param environment {@code permissions.environment}
 * @param resources Wassette's {@code permissions.resources}
 * @param limitSettings Corral's {@code limits}, as written
 * @param secrets Corral's {@code secrets}
 * @param inert Wassette sections Corral accepts but has nothing to apply to ({@code
 *     permissions.runtime}, {@code permissions.ipc}), kept as plain data so edits keep them
 */
public record Policy(
    String version,
    Optional<String> description,
    Optional<String> schema,
    StoragePolicy storage,
    NetworkPolicy network,
    EnvironmentPolicy environment,
    Resources resources,
    LimitSettings limitSettings,
    List<SecretRef> secrets,
    Map<String, Object> inert) {

  public Policy {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(limitSettings, "limitSettings");
    secrets = List.copyOf(secrets);
    inert = Map.copyOf(inert);
  }

  private static final Policy DENY_ALL =
      new Policy(
          "1.0",
          Optional.empty(),
          Optional.empty(),
          StoragePolicy.DENY_ALL,
          NetworkPolicy.DENY_ALL,
          EnvironmentPolicy.DENY_ALL,
          Resources.NONE,
          LimitSettings.NONE,
          List.of(),
          Map.of());

  /** No filesystem, no network, no environment, no secrets, {@link Limits#DEFAULTS}. */
  public static Policy denyAll() {
    return DENY_ALL;
  }

  /**
   * The limits in force: each of Corral's {@code limits} fields, else the default; memory is the
   * smallest of {@code limits.memory}, Wassette's {@code resources} memory and (when neither is
   * set) the default.
   */
  public Limits limits() {
    Duration timeout = limitSettings.timeout().orElse(Limits.DEFAULTS.timeout());
    long memory =
        limitSettings.memory().isEmpty() && resources.memoryBytes().isEmpty()
            ? Limits.DEFAULTS.memoryBytes()
            : Math.min(
                limitSettings.memory().orElse(Long.MAX_VALUE),
                resources.memoryBytes().orElse(Long.MAX_VALUE));
    long output = limitSettings.output().orElse(Limits.DEFAULTS.outputBytes());
    return new Limits(timeout, memory, output);
  }

  /**
   * The names of the environment variables the component sees: allowed keys, then secret variables.
   */
  public List<String> visibleEnvironment() {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(environment.allow());
    secrets.forEach(s -> names.add(s.env()));
    return List.copyOf(names);
  }

  /**
   * Things in the file Corral accepts but does not act on, one sentence each, for {@code corral
   * policy validate} to show; empty when everything in the file takes effect.
   */
  public List<String> notices() {
    List<String> notices = new java.util.ArrayList<>();
    if (inert.containsKey("runtime")) {
      notices.add(
          "permissions.runtime is accepted for Wassette compatibility and has no effect in Corral");
    }
    if (inert.containsKey("ipc")) {
      notices.add(
          "permissions.ipc is accepted for Wassette compatibility; Corral gives components no IPC, so it grants nothing");
    }
    if (resources.cpuMillis().isPresent()) {
      notices.add(
          "permissions.resources.limits.cpu is not enforced; limits.timeout bounds each call's CPU time");
    }
    return List.copyOf(notices);
  }

  Policy withStorage(StoragePolicy value) {
    return new Policy(
        version,
        description,
        schema,
        value,
        network,
        environment,
        resources,
        limitSettings,
        secrets,
        inert);
  }

  Policy withNetwork(NetworkPolicy value) {
    return new Policy(
        version,
        description,
        schema,
        storage,
        value,
        environment,
        resources,
        limitSettings,
        secrets,
        inert);
  }

  Policy withEnvironment(EnvironmentPolicy value) {
    return new Policy(
        version,
        description,
        schema,
        storage,
        network,
        value,
        resources,
        limitSettings,
        secrets,
        inert);
  }

  Policy withLimitSettings(LimitSettings value) {
    return new Policy(
        version,
        description,
        schema,
        storage,
        network,
        environment,
        resources,
        value,
        secrets,
        inert);
  }

  Policy withResources(Resources value) {
    return new Policy(
        version,
        description,
        schema,
        storage,
        network,
        environment,
        value,
        limitSettings,
        secrets,
        inert);
  }
}
