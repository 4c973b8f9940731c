package dev.corral.mcp.component;

import dev.corral.policy.MountPlan;
import dev.corral.policy.NetworkPolicy;
import dev.corral.policy.OffLimits;
import dev.corral.policy.Policy;
import dev.corral.sandbox.capability.AddressClass;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.DirectoryGrant;
import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.capability.NetworkAccess;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Translates a policy into the capabilities the sandbox enforces for one call. */
public final class PolicyCapabilities {
  private static final Logger log = LoggerFactory.getLogger(PolicyCapabilities.class);

  private PolicyCapabilities() {}

  /**
   * The capabilities {@code policy} grants: the storage policy's mount plan (each granted directory
   * preopened at the same path in the guest, writable only with {@code write} access; rules a
   * directory grant cannot express exactly, and rules covering what is {@code offLimits}, are
   * withheld, fail closed, and logged), the network as the policy decides it, {@code environment}
   * (the variables the policy lets the component see, as {@link
   * dev.corral.policy.SecretStore#environmentFor} builds them) without those that are {@code
   * offLimits} (logged like withheld storage rules), and the policy's limits ({@code limits.output}
   * caps the result, as the bytes lifting it reads from guest memory, and stdout and stderr each).
   */
  public static Capabilities of(
      Policy policy, Map<String, String> environment, OffLimits offLimits) {
    MountPlan plan = policy.storage().mountPlan(offLimits);
    plan.withheld().forEach(reason -> log.warn("{}", reason));
    policy.environment().withheld(offLimits).forEach(reason -> log.warn("{}", reason));
    List<DirectoryGrant> directories = new ArrayList<>();
    for (MountPlan.Mount mount : plan.mounts()) {
      directories.add(
          new DirectoryGrant(mount.hostPath(), mount.hostPath().toString(), mount.writable()));
    }
    dev.corral.policy.Limits limits = policy.limits();
    int outputCap = (int) Math.min(Integer.MAX_VALUE, limits.outputBytes());
    return new Capabilities(
        directories,
        network(policy.network()),
        offLimits.withoutVariables(environment),
        List.of(),
        Limits.defaults()
            .withMaxMemoryBytes(limits.memoryBytes())
            .withTimeout(limits.timeout())
            .withOutputCaps(outputCap, outputCap)
            .withMaxResultBytes(limits.outputBytes()));
  }

  private static NetworkAccess network(NetworkPolicy network) {
    if (network.isDenyAll()) {
      return NetworkAccess.none();
    }
    return new NetworkAccess() {
      @Override
      public boolean allows(Endpoint endpoint) {
        return network.decide(endpoint.scheme(), endpoint.host(), endpoint.port(), null).allowed();
      }

      @Override
      public boolean allowsLookup(String host) {
        return network.decideLookup(host).allowed();
      }

      /**
       * A loopback, private, link-local or metadata address is reached only when a rule names the
       * address itself (a CIDR range, an address literal, or {@code localhost} for loopback), never
       * through a host name or wildcard that happens to resolve there (DNS rebinding).
       */
      @Override
      public boolean allowsRestricted(
          Endpoint endpoint, InetAddress address, AddressClass addressClass) {
        return network
            .decideAddress(endpoint.scheme(), endpoint.host(), endpoint.port(), address)
            .allowed();
      }
    };
  }
}
