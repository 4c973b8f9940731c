package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.host.HostFunction;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.world.Function;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.NamedType;
import dev.corral.sandbox.world.World;
import dev.corral.sandbox.world.WorldItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Builds a {@link Linker} for a test component from its world: the test supplies the imports it
 * exercises, in Java, through the public host API. Every other imported function (notably the WASI
 * functions the fixtures' libc adapters import but the tested paths never call) traps when called,
 * with a message naming it, so a test whose guest reaches one fails loudly.
 */
public final class TestHost {
  private final World world;
  private final Map<String, HostFunction> implementations = new HashMap<>();
  private final Map<String, IntConsumer> destructors = new HashMap<>();
  private final Map<ResourceType, ResourceType> hostResources = new IdentityHashMap<>();
  private final List<String> calls = new ArrayList<>();
  private final Map<String, String> hostNames = new HashMap<>();

  private TestHost(World world) {
    this.world = world;
  }

  public static TestHost of(CompiledComponent component) {
    return new TestHost(component.world());
  }

  /** Implements {@code iface#function} (or a world-level {@code function}). */
  public TestHost function(String qualifiedName, HostFunction implementation) {
    implementations.put(qualifiedName, implementation);
    return this;
  }

  /** A destructor for resource {@code iface#resource} (or a world-level {@code resource}). */
  TestHost destructor(String qualifiedName, IntConsumer destructor) {
    destructors.put(qualifiedName, destructor);
    return this;
  }

  /**
   * Offers the implementation of imported interface {@code importName} under another name, e.g. a
   * later compatible version, to exercise semver matching.
   */
  TestHost provideAs(String importName, String hostName) {
    hostNames.put(importName, hostName);
    return this;
  }

  /**
   * The host's resource type for a resource type of the component's world (after {@link
   * #linker()}).
   */
  ResourceType hostResource(ResourceType worldType) {
    ResourceType host = hostResources.get(worldType);
    if (host == null) {
      throw new IllegalArgumentException("not an imported resource: " + worldType);
    }
    return host;
  }

  /** The host's resource type for an imported resource named {@code iface#name}. */
  public ResourceType hostResource(String qualifiedName) {
    int hash = qualifiedName.indexOf('#');
    NamedType type =
        hash < 0
            ? world.imports().stream()
                .filter(i -> i instanceof NamedType && i.name().equals(qualifiedName))
                .map(NamedType.class::cast)
                .findFirst()
                .orElseThrow()
            : world
                .importedInterface(qualifiedName.substring(0, hash))
                .orElseThrow()
                .type(qualifiedName.substring(hash + 1))
                .orElseThrow();
    return hostResource(((NamedType.Resource) type).type());
  }

  /** Names of the unimplemented functions the guest called, in order (each such call trapped). */
  List<String> unexpectedCalls() {
    return calls;
  }

  public Linker linker() {
    Linker.Builder linker = Linker.builder();
    for (WorldItem item : world.imports()) {
      switch (item) {
        case Interface i -> linker.instance(hostInstance(i));
        case NamedType.Resource r when r.aliasOf().isEmpty() ->
            hostResources.put(
                r.type(), linker.resource(r.name(), destructors.getOrDefault(r.name(), rep -> {})));
        case NamedType t -> {}
        case Function f -> linker.function(f.name(), hostType(f.type()), implementation(f.name()));
      }
    }
    return linker.build();
  }

  private HostInstance hostInstance(Interface iface) {
    HostInstance.Builder builder =
        HostInstance.builder(hostNames.getOrDefault(iface.name(), iface.name()));
    for (NamedType t : iface.types()) {
      if (t instanceof NamedType.Resource r && r.aliasOf().isEmpty()) {
        String name = iface.name() + "#" + r.name();
        hostResources.put(
            r.type(), builder.resource(r.name(), destructors.getOrDefault(name, rep -> {})));
      }
    }
    for (Function f : iface.functions()) {
      builder.function(f.name(), hostType(f.type()), implementation(iface.name() + "#" + f.name()));
    }
    return builder.build();
  }

  private HostFunction implementation(String qualifiedName) {
    HostFunction implementation = implementations.get(qualifiedName);
    if (implementation != null) {
      return implementation;
    }
    return args -> {
      calls.add(qualifiedName);
      throw new ComponentTrap("test host: " + qualifiedName + " is not implemented by this test");
    };
  }

  private FuncType hostType(FuncType type) {
    List<Field> params =
        type.params().stream().map(p -> new Field(p.name(), hostType(p.type()))).toList();
    return new FuncType(params, type.result().map(this::hostType));
  }

  private ValType hostType(ValType type) {
    return switch (type) {
      case OwnType o -> new OwnType(hostResources.getOrDefault(o.resource(), o.resource()));
      case BorrowType b -> new BorrowType(hostResources.getOrDefault(b.resource(), b.resource()));
      case ListType l -> new ListType(hostType(l.element()), l.fixedLength());
      case RecordType r ->
          new RecordType(
              r.fields().stream().map(f -> new Field(f.name(), hostType(f.type()))).toList());
      case TupleType t -> new TupleType(t.types().stream().map(this::hostType).toList());
      case VariantType v ->
          new VariantType(
              v.cases().stream()
                  .map(c -> new Case(c.name(), c.type().map(this::hostType)))
                  .toList());
      case OptionType o -> new OptionType(hostType(o.some()));
      case ResultType r -> new ResultType(r.ok().map(this::hostType), r.err().map(this::hostType));
      default -> type;
    };
  }
}
