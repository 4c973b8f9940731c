package dev.corral.sandbox.host;

import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The host side of linking: the interfaces and world-level functions the host offers to a
 * component's imports. Interface imports match by name and any compatible semver version.
 */
public final class Linker {
  private static final Linker EMPTY = builder().build();

  private final List<HostInstance> instances;
  private final Map<String, HostFunctionDef> functions;
  private final Map<String, HostResource> resources;

  private Linker(Builder builder) {
    this.instances = List.copyOf(builder.instances);
    this.functions = Map.copyOf(builder.functions);
    this.resources = Map.copyOf(builder.resources);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A linker offering nothing: only components without imports link. */
  public static Linker empty() {
    return EMPTY;
  }

  /**
   * The host instance satisfying an import named {@code importName}, if any: the one with exactly
   * that name, else the semver-compatible one with the highest version (the first offered, among
   * equal versions).
   */
  public Optional<HostInstance> instance(String importName) {
    InterfaceName wanted = InterfaceName.parse(importName);
    HostInstance best = null;
    InterfaceName bestName = null;
    for (HostInstance candidate : instances) {
      if (candidate.name().equals(importName)) {
        return Optional.of(candidate);
      }
      InterfaceName name = InterfaceName.parse(candidate.name());
      if (wanted.isSatisfiedBy(name)
          && (best == null || InterfaceName.compareVersions(name, bestName) > 0)) {
        best = candidate;
        bestName = name;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A world-level function import. */
  public Optional<HostFunctionDef> function(String importName) {
    return Optional.ofNullable(functions.get(importName));
  }

  /** A world-level resource type import. */
  public Optional<HostResource> resource(String importName) {
    return Optional.ofNullable(resources.get(importName));
  }

  /** The names of every interface offered, for messages. */
  public List<String> instanceNames() {
    return instances.stream().map(HostInstance::name).toList();
  }

  /** Builds a {@link Linker}. */
  public static final class Builder {
    private final List<HostInstance> instances = new ArrayList<>();
    private final Map<String, HostFunctionDef> functions = new LinkedHashMap<>();
    private final Map<String, HostResource> resources = new LinkedHashMap<>();

    private Builder() {}

    public Builder instance(HostInstance instance) {
      instances.add(instance);
      return this;
    }

    public Builder instances(List<HostInstance> more) {
      instances.addAll(more);
      return this;
    }

    /** A world-level function import such as {@code test} or {@code [constructor]r}. */
    public Builder function(String name, FuncType type, HostFunction implementation) {
      functions.put(name, new HostFunctionDef(name, type, implementation));
      return this;
    }

    /**
     * Declares a world-level resource type import; use the returned type in function signatures.
     * Guest drops of an owning handle call {@code destructor} with the representation.
     */
    public ResourceType resource(String name, IntConsumer destructor) {
      ResourceType type = new ResourceType(name);
      resources.put(name, new HostResource(name, type, destructor));
      return type;
    }

    public Linker build() {
      return new Linker(this);
    }
  }
}
