package dev.corral.policy;

/**
 * What a network rule names: a host pattern, a CIDR range, or Wassette's {@code defaults} host
 * list.
 */
public sealed interface NetworkTarget permits HostPattern, CidrRange, DefaultHosts {
  /** The target as written in a policy file (normalized). */
  String text();
}
