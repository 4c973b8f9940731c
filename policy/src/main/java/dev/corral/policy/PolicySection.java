package dev.corral.policy;

/** The parts of a policy an edit can reset. */
public enum PolicySection {
  /** {@code permissions.storage}. */
  STORAGE,
  /** {@code permissions.network}. */
  NETWORK,
  /** {@code permissions.environment}. */
  ENVIRONMENT,
  /** Corral's {@code limits} and Wassette's {@code permissions.resources}. */
  LIMITS,
  /** Corral's {@code secrets} list (the names; values live in the {@link SecretStore}). */
  SECRETS
}
