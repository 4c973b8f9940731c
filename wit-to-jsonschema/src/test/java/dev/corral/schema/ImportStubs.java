package dev.corral.schema;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.host.HostFunction;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.Primitive;
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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A linker satisfying every import of a world with functions that trap when called: enough to
 * instantiate the jco test components, whose exported round-trip functions never call their imports
 * (WASI, or the test's own imported interface).
 */
final class ImportStubs {
  private final Map<ResourceType, ResourceType> hostResources = new IdentityHashMap<>();

  private ImportStubs() {}

  static Linker linker(World world) {
    return new ImportStubs().build(world);
  }

  private Linker build(World world) {
    Linker.Builder linker = Linker.builder();
    Map<Interface, HostInstance.Builder> instances = new LinkedHashMap<>();
    for (WorldItem item : world.imports()) {
      switch (item) {
        case Interface i -> {
          HostInstance.Builder instance = HostInstance.builder(i.name());
          for (NamedType type : i.types()) {
            if (type instanceof NamedType.Resource r && r.aliasOf().isEmpty()) {
              hostResources.put(r.type(), instance.resource(r.name(), rep -> {}));
            }
          }
          instances.put(i, instance);
        }
        case NamedType.Resource r when r.aliasOf().isEmpty() ->
            hostResources.put(r.type(), linker.resource(r.name(), rep -> {}));
        default -> {}
      }
    }
    for (WorldItem item : world.imports()) {
      if (item instanceof Function f) {
        linker.function(f.name(), host(f.type()), trap(f.name()));
      }
    }
    instances.forEach(
        (i, instance) -> {
          for (Function f : i.functions()) {
            instance.function(f.name(), host(f.type()), trap(i.name() + "#" + f.name()));
          }
          linker.instance(instance.build());
        });
    return linker.build();
  }

  private static HostFunction trap(String name) {
    return args -> {
      throw new ComponentTrap("the test host does not implement " + name);
    };
  }

  private FuncType host(FuncType type) {
    return new FuncType(
        type.params().stream().map(p -> new Field(p.name(), host(p.type()))).toList(),
        type.result().map(this::host));
  }

  private ValType host(ValType type) {
    return switch (type) {
      case Primitive p -> p;
      case ListType l -> new ListType(host(l.element()), l.fixedLength());
      case RecordType r ->
          new RecordType(
              r.fields().stream().map(f -> new Field(f.name(), host(f.type()))).toList());
      case TupleType t -> new TupleType(t.types().stream().map(this::host).toList());
      case VariantType v ->
          new VariantType(
              v.cases().stream().map(c -> new Case(c.name(), c.type().map(this::host))).toList());
      case EnumType e -> e;
      case OptionType o -> new OptionType(host(o.some()));
      case ResultType r -> new ResultType(r.ok().map(this::host), r.err().map(this::host));
      case FlagsType f -> f;
      case OwnType o -> new OwnType(resource(o.resource()));
      case BorrowType b -> new BorrowType(resource(b.resource()));
    };
  }

  private ResourceType resource(ResourceType type) {
    ResourceType host = hostResources.get(type);
    if (host == null) {
      throw new IllegalStateException(
          "imported resource " + type.name() + " is not declared by any import");
    }
    return host;
  }
}
