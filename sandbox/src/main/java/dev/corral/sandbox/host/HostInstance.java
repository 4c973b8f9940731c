package dev.corral.sandbox.host;

import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ResourceType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * An interface implemented by the host, such as {@code wasi:cli/environment@0.2.12}: its functions
 * and resource types, matched by name against what a component imports.
 */
public final class HostInstance {
  private final String name;
  private final Map<String, HostFunctionDef> functions;
  private final Map<String, HostResource> resources;

  private HostInstance(Builder builder) {
    this.name = builder.name;
    this.functions = Map.copyOf(builder.functions);
    this.resources = Map.copyOf(builder.resources);
  }

  /** Starts an instance for the interface {@code name} (with its version, if any). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The interface name, e.g. {@code wasi:cli/environment@0.2.12}. */
  public String name() {
    return name;
  }

  public Optional<HostFunctionDef> function(String functionName) {
    return Optional.ofNullable(functions.get(functionName));
  }

  public Optional<HostResource> resource(String resourceName) {
    return Optional.ofNullable(resources.get(resourceName));
  }

  public Map<String, HostFunctionDef> functions() {
    return functions;
  }

  public Map<String, HostResource> resources() {
    return resources;
  }

  /** Builds a {@link HostInstance}. */
  public static final class Builder {
    private final String name;
    private final Map<String, HostFunctionDef> functions = new LinkedHashMap<>();
    private final Map<String, HostResource> resources = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Declares a resource type; use the returned type in function signatures. Guest drops of an
     * owning handle call {@code destructor} with the representation.
     */
    public ResourceType resource(String resourceName, IntConsumer destructor) {
      ResourceType type = new ResourceType(resourceName);
      if (resources.putIfAbsent(resourceName, new HostResource(resourceName, type, destructor))
          != null) {
        throw new IllegalArgumentException(
            "resource " + resourceName + " declared twice in " + name);
      }
      return type;
    }

    /** Adds a function. Methods use their component names, e.g. {@code [method]stream.read}. */
    public Builder function(String functionName, FuncType type, HostFunction implementation) {
      if (functions.putIfAbsent(
              functionName, new HostFunctionDef(functionName, type, implementation))
          != null) {
        throw new IllegalArgumentException(
            "function " + functionName + " declared twice in " + name);
      }
      return this;
    }

    public HostInstance build() {
      return new HostInstance(this);
    }
  }
}
