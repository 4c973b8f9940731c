package dev.corral.policy;

import java.util.Objects;

/**
 * A secret a component may read: {@code name} keys the value in the {@link SecretStore}; the
 * component sees it as environment variable {@code env}. The value is never in the policy file.
 */
public record SecretRef(String name, String env) {
  public SecretRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(env, "env");
  }
}
