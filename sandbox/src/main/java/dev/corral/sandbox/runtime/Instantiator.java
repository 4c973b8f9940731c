package dev.corral.sandbox.runtime;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.corral.sandbox.binary.Alias;
import dev.corral.sandbox.binary.Canon;
import dev.corral.sandbox.binary.CanonOptions;
import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.Definition;
import dev.corral.sandbox.binary.ExternDesc;
import dev.corral.sandbox.binary.Sort;
import dev.corral.sandbox.binary.TypeDef;
import dev.corral.sandbox.binary.TypeResolver;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.host.HostFunctionDef;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.host.HostResource;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.TypeText;
import dev.corral.sandbox.types.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instantiates a component by walking its definitions in order, filling the index spaces with live
 * items: core instances in Chicory, lifted and lowered functions, resolved types, nested component
 * instances.
 */
final class Instantiator {
  private final CoreModuleCache modules;
  private final Linker linker;
  private final Store store;
  private int instanceCounter;

  private Instantiator(CoreModuleCache modules, Linker linker, Store store) {
    this.modules = modules;
    this.linker = linker;
    this.store = store;
  }

  static ComponentInstance instantiate(
      Component component, CoreModuleCache modules, Linker linker, InstanceLimits limits)
      throws LinkException, ComponentTrap {
    Store store = new Store(limits);
    Instantiator instantiator = new Instantiator(modules, linker, store);
    Item.InstanceItem root = instantiator.instantiate(component, null, null, "root");
    return instantiator.toPublic(component, root);
  }

  private ComponentInstance toPublic(Component component, Item.InstanceItem root) {
    List<ExportedFunction> functions = new ArrayList<>();
    Map<ExportedFunction, ComponentFunction> implementations = new HashMap<>();
    for (Map.Entry<String, Item> e : root.exports().entrySet()) {
      if (e.getValue() instanceof Item.FuncItem f) {
        ExportedFunction ef = new ExportedFunction(Optional.empty(), e.getKey(), f.func().type());
        functions.add(ef);
        implementations.put(ef, f.func());
      }
    }
    for (Map.Entry<String, Item> e : root.exports().entrySet()) {
      if (e.getValue() instanceof Item.InstanceItem inst) {
        for (Map.Entry<String, Item> member : inst.exports().entrySet()) {
          if (member.getValue() instanceof Item.FuncItem f) {
            ExportedFunction ef =
                new ExportedFunction(Optional.of(e.getKey()), member.getKey(), f.func().type());
            functions.add(ef);
            implementations.put(ef, f.func());
          }
        }
      }
    }
    return new ComponentInstance(functions, implementations, store);
  }

  // ------------------------------------------------------------------ components

  private Item.InstanceItem instantiate(
      Component component, Scope parent, Map<String, Item> args, String name)
      throws LinkException, ComponentTrap {
    ComponentState state = new ComponentState(name);
    Scope scope = new Scope(parent);
    Map<String, Item> exports = new LinkedHashMap<>();
    int index = 0;
    for (Definition d : component.definitions()) {
      try {
        define(d, component, scope, state, args, exports);
      } catch (LinkException e) {
        throw new LinkException(
            "in component '"
                + name
                + "', definition "
                + index
                + " ("
                + d.describe()
                + "): "
                + e.getMessage(),
            e);
      }
      index++;
    }
    return new Item.InstanceItem(exports);
  }

  private void define(
      Definition d,
      Component component,
      Scope scope,
      ComponentState state,
      Map<String, Item> args,
      Map<String, Item> exports)
      throws LinkException, ComponentTrap {
    switch (d) {
      case Definition.CoreModule m -> scope.add(new Item.CoreModuleItem(modules.get(m)));
      case Definition.CoreInstance ci ->
          scope.add(new Item.CoreInstanceItem(coreInstance(ci.expr(), scope)));
      case Definition.CoreType t -> scope.add(new Item.CoreTypeItem(t.type()));
      case Definition.NestedComponent c -> scope.add(new Item.ComponentItem(c.component(), scope));
      case Definition.Instance i -> scope.add(instance(i.expr(), scope));
      case Definition.AliasDef a -> scope.add(alias(a.alias(), scope));
      case Definition.Type t -> scope.add(new Item.TypeItem(type(t.type(), scope, state)));
      case Definition.CanonDef c -> scope.add(canon(c.canon(), component, scope, state));
      case Definition.Start s ->
          throw new LinkException("component start functions (a gated feature) are not supported");
      case Definition.Import i ->
          scope.add(args != null ? argument(i, args, scope) : hostImport(i, scope));
      case Definition.Export e -> {
        Item item = scope.get(e.target().sort(), e.target().index());
        if (e.ascribed().isPresent()
            && item instanceof Item.FuncItem f
            && e.ascribed().get() instanceof ExternDesc.Func ascribed) {
          FuncType declared = funcType(scope, ascribed.typeIndex());
          if (!declared.equals(f.func().type())) {
            throw new LinkException(
                "the function's type does not match the type it is exported with");
          }
        }
        scope.add(item);
        exports.put(e.name().name(), item);
      }
    }
  }

  private Item argument(Definition.Import i, Map<String, Item> args, Scope scope)
      throws LinkException {
    Item item = args.get(i.name().name());
    if (item == null) {
      throw new LinkException("no argument supplied for import '" + i.name() + "'");
    }
    Sort expected = i.desc().sort();
    if (item.sort() != expected) {
      throw new LinkException(
          "import '" + i.name() + "' expects a " + expected + " but was given a " + item.sort());
    }
    return item;
  }

  private Item.InstanceItem instance(Definition.InstanceExpr expr, Scope scope)
      throws LinkException, ComponentTrap {
    return switch (expr) {
      case Definition.InstanceExpr.Instantiate inst -> {
        Item.ComponentItem c =
            scope.get(Sort.COMPONENT, inst.componentIndex(), Item.ComponentItem.class);
        Map<String, Item> args = new HashMap<>();
        for (Definition.Arg a : inst.args()) {
          args.put(a.name(), scope.get(a.target().sort(), a.target().index()));
        }
        yield instantiate(c.component(), c.scope(), args, "instance " + (++instanceCounter));
      }
      case Definition.InstanceExpr.FromExports bundle -> {
        Map<String, Item> exports = new LinkedHashMap<>();
        for (Definition.NamedItem n : bundle.exports()) {
          exports.put(n.name().name(), scope.get(n.target().sort(), n.target().index()));
        }
        yield new Item.InstanceItem(exports);
      }
    };
  }

  // ------------------------------------------------------------------ aliases

  private Item alias(Alias alias, Scope scope) throws LinkException {
    return switch (alias) {
      case Alias.InstanceExport e -> {
        Item.InstanceItem inst =
            scope.get(Sort.INSTANCE, e.instanceIndex(), Item.InstanceItem.class);
        Item item = inst.exports().get(e.name());
        if (item == null) {
          throw new LinkException(
              "instance " + e.instanceIndex() + " has no export named '" + e.name() + "'");
        }
        yield checkSort(item, e.sort(), e.name());
      }
      case Alias.CoreInstanceExport e -> {
        Item.CoreInstanceItem inst =
            scope.get(Sort.CORE_INSTANCE, e.coreInstanceIndex(), Item.CoreInstanceItem.class);
        Item item = inst.instance().export(e.name());
        if (item == null) {
          throw new LinkException(
              "core instance " + e.coreInstanceIndex() + " has no export named '" + e.name() + "'");
        }
        yield checkSort(item, e.sort(), e.name());
      }
      case Alias.Outer o -> scope.outer(o.count()).get(o.sort(), o.index());
    };
  }

  private static Item checkSort(Item item, Sort sort, String name) throws LinkException {
    if (item.sort() != sort) {
      throw new LinkException("export '" + name + "' is a " + item.sort() + ", not a " + sort);
    }
    return item;
  }

  // ------------------------------------------------------------------ core instances

  private CoreInstance coreInstance(Definition.CoreInstanceExpr expr, Scope scope)
      throws LinkException, ComponentTrap {
    return switch (expr) {
      case Definition.CoreInstanceExpr.FromExports bundle -> {
        Map<String, Item> exports = new HashMap<>();
        for (Definition.CoreExport e : bundle.exports()) {
          exports.put(e.name(), scope.get(e.target().sort(), e.target().index()));
        }
        yield new CoreInstance.Bundle(exports);
      }
      case Definition.CoreInstanceExpr.Instantiate inst -> {
        WasmModule module =
            scope.get(Sort.CORE_MODULE, inst.moduleIndex(), Item.CoreModuleItem.class).module();
        Map<String, CoreInstance> args = new HashMap<>();
        for (Definition.CoreArg a : inst.args()) {
          args.put(
              a.name(),
              scope
                  .get(Sort.CORE_INSTANCE, a.coreInstanceIndex(), Item.CoreInstanceItem.class)
                  .instance());
        }
        yield new CoreInstance.Real(instantiateCore(module, inst.moduleIndex(), args), module);
      }
    };
  }

  private Instance instantiateCore(
      WasmModule module, int moduleIndex, Map<String, CoreInstance> args)
      throws LinkException, ComponentTrap {
    ImportValues.Builder imports = ImportValues.builder();
    List<Import> declared = module.importSection().stream().toList();
    for (Import imp : declared) {
      String where =
          "core module "
              + moduleIndex
              + " import '"
              + EmptyImportNames.argumentName(imp.module())
              + "' '"
              + imp.name()
              + "'";
      String argument = EmptyImportNames.argumentName(imp.module());
      CoreInstance provider = args.get(argument);
      if (provider == null) {
        throw new LinkException(
            where + ": no core instance supplied for module '" + argument + "'");
      }
      Item item = provider.export(imp.name());
      if (item == null) {
        throw new LinkException(where + ": the supplied instance has no such export");
      }
      switch (imp.importType()) {
        case FUNCTION -> {
          FunctionType expected = module.typeSection().getType(((FunctionImport) imp).typeIndex());
          CoreFunc f = expectCore(item, Item.CoreFuncItem.class, where).func();
          if (!f.type().equals(expected)) {
            throw new LinkException(
                where + ": expects a function of type " + expected + " but got " + f.type());
          }
          imports.addFunction(importFunction(imp, f));
        }
        case MEMORY ->
            imports.addMemory(
                new ImportMemory(
                    imp.module(),
                    imp.name(),
                    expectCore(item, Item.CoreMemoryItem.class, where).memory()));
        case TABLE ->
            imports.addTable(
                new ImportTable(
                    imp.module(),
                    imp.name(),
                    expectCore(item, Item.CoreTableItem.class, where).table()));
        case GLOBAL ->
            imports.addGlobal(
                new ImportGlobal(
                    imp.module(),
                    imp.name(),
                    expectCore(item, Item.CoreGlobalItem.class, where).global()));
        case TAG -> throw new LinkException(where + ": exception tags are not supported");
      }
    }
    int maxPages = store.limits.maxMemoryPages();
    try {
      // withStart(false): Chicory would otherwise call an exported _start (a WASI command's
      // entry point) here; the component model runs only the module's start section.
      return Instance.builder(module)
          .withStart(false)
          .withMachineFactory(modules.machineFactory(module))
          .withImportValues(imports.build())
          .withMemoryFactory(
              limits -> {
                LinearMemory memory =
                    new LinearMemory(
                        clamp(limits, maxPages),
                        limits.maximumPages(),
                        modules.memorySizeHint(module));
                store.state.trackMemory(memory);
                return memory;
              })
          .build();
    } catch (MemoryRefusedException e) {
      throw new LinkException("core module " + moduleIndex + ": " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      ComponentTrap trap = Traps.fromCore(e, "core module " + moduleIndex + " start");
      if (e instanceof com.dylibso.chicory.runtime.TrapException
          || e instanceof TrapSignal
          || e instanceof StackOverflowError) {
        throw trap;
      }
      throw new LinkException(
          "core module " + moduleIndex + " cannot be instantiated: " + e.getMessage(), e);
    }
  }

  /**
   * Thrown from the memory factory for a memory Corral does not create: too large initially, or
   * shared.
   */
  private static final class MemoryRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MemoryRefusedException(String message) {
      super(message);
    }
  }

  private static MemoryLimits clamp(MemoryLimits limits, int maxPages) {
    if (limits.shared()) {
      throw new MemoryRefusedException(
          "it declares a shared memory (the threads proposal), which Corral does not support");
    }
    if (limits.initialPages() > maxPages) {
      throw new MemoryRefusedException(
          "its memory needs "
              + limits.initialPages()
              + " pages initially, more than the limit of "
              + maxPages
              + " pages");
    }
    return new MemoryLimits(
        limits.initialPages(), Math.min(limits.maximumPages(), maxPages), limits.shared());
  }

  private static <T extends Item> T expectCore(Item item, Class<T> kind, String where)
      throws LinkException {
    if (!kind.isInstance(item)) {
      throw new LinkException(
          where
              + ": expected a "
              + kind.getSimpleName().replace("Item", "")
              + " but the export is a "
              + item.sort());
    }
    return kind.cast(item);
  }

  private static ImportFunction importFunction(Import imp, CoreFunc f) {
    if (f instanceof ExportedCoreFunc exported) {
      return ImportFunction.exportAsImport(
          imp.module(), imp.name(), exported.instance(), exported.name());
    }
    return new HostFunction(
        imp.module(),
        imp.name(),
        f.type(),
        (instance, args) -> {
          try {
            return f.call(args);
          } catch (ComponentTrap trap) {
            throw new TrapSignal(trap);
          }
        });
  }

  // ------------------------------------------------------------------ canon

  private Item canon(Canon canon, Component component, Scope scope, ComponentState state)
      throws LinkException {
    return switch (canon) {
      case Canon.Lift lift -> {
        CoreFunc core =
            scope.get(Sort.CORE_FUNC, lift.coreFuncIndex(), Item.CoreFuncItem.class).func();
        TypeValue t = scope.get(Sort.TYPE, lift.typeIndex(), Item.TypeItem.class).type();
        if (!(t instanceof TypeValue.Func f)) {
          throw new LinkException(
              "canon lift: type "
                  + lift.typeIndex()
                  + " is a "
                  + t.describe()
                  + ", not a function type");
        }
        rejectAsync(lift.options());
        FunctionType expected = CoreTypes.lifted(f.type());
        if (!core.type().equals(expected)) {
          throw new LinkException(
              "canon lift of "
                  + FunctionNames.describe(component, scope.size(Sort.FUNC))
                  + ": core function has type "
                  + CanonChecks.describe(core.type())
                  + " but the lifted type needs "
                  + CanonChecks.describe(expected));
        }
        ResolvedOptions options = options(lift.options(), scope);
        int index = scope.size(Sort.FUNC);
        CanonChecks.lift(() -> FunctionNames.describe(component, index), f.type(), options);
        yield new Item.FuncItem(new LiftedFunction(f.type(), core, options, state, store));
      }
      case Canon.Lower lower -> {
        ComponentFunction callee =
            scope.get(Sort.FUNC, lower.funcIndex(), Item.FuncItem.class).func();
        rejectAsync(lower.options());
        ResolvedOptions options = options(lower.options(), scope);
        CanonChecks.lower(
            () -> FunctionNames.describe(component, lower.funcIndex()),
            callee.type(),
            lower.options(),
            options);
        yield new Item.CoreFuncItem(
            new LoweredFunction("function " + lower.funcIndex(), callee, options, state, store));
      }
      case Canon.ResourceNew r -> builtin(ResourceBuiltin.Kind.NEW, r.typeIndex(), scope, state);
      case Canon.ResourceRep r -> builtin(ResourceBuiltin.Kind.REP, r.typeIndex(), scope, state);
      case Canon.ResourceDrop r -> {
        if (r.async()) {
          throw new LinkException("resource.drop async (component-model async) is not supported");
        }
        yield builtin(ResourceBuiltin.Kind.DROP, r.typeIndex(), scope, state);
      }
      case Canon.Unsupported u ->
          throw new LinkException(
              "canon "
                  + u.builtin()
                  + " belongs to component-model async or threads, which Corral does not support");
    };
  }

  private static void rejectAsync(CanonOptions options) throws LinkException {
    if (options.async() || options.callback().isPresent()) {
      throw new LinkException("async lift/lower (component-model async) is not supported");
    }
  }

  private Item builtin(ResourceBuiltin.Kind kind, int typeIndex, Scope scope, ComponentState state)
      throws LinkException {
    ResourceType type = resourceType(scope, typeIndex);
    if (kind != ResourceBuiltin.Kind.DROP) {
      // WorldReader rejects this at compile time; checked again so that no path hands out a rep.
      ResourceImpl impl = store.impl(type);
      if (impl == null || impl.owner() != state) {
        String builtin = kind == ResourceBuiltin.Kind.NEW ? "resource.new" : "resource.rep";
        throw new LinkException(
            "canon "
                + builtin
                + ": type "
                + typeIndex
                + " is not a resource type defined by this component");
      }
    }
    return new Item.CoreFuncItem(new ResourceBuiltin(kind, type, state, store));
  }

  private ResolvedOptions options(CanonOptions o, Scope scope) throws LinkException {
    return new ResolvedOptions(
        o.memory().isPresent()
            ? scope.get(Sort.CORE_MEMORY, o.memory().getAsInt(), Item.CoreMemoryItem.class).memory()
            : null,
        o.stringEncoding(),
        o.realloc().isPresent()
            ? scope.get(Sort.CORE_FUNC, o.realloc().getAsInt(), Item.CoreFuncItem.class).func()
            : null,
        o.postReturn().isPresent()
            ? scope.get(Sort.CORE_FUNC, o.postReturn().getAsInt(), Item.CoreFuncItem.class).func()
            : null);
  }

  // ------------------------------------------------------------------ types

  private TypeValue type(TypeDef def, Scope scope, ComponentState state) throws LinkException {
    return switch (def) {
      case TypeDef.Func f -> new TypeValue.Func(types(scope).funcType(f));
      case TypeDef.ComponentType c -> new TypeValue.ComponentT(c.decls(), scope);
      case TypeDef.InstanceType i -> new TypeValue.Instance(i.decls(), scope);
      case TypeDef.Resource r -> {
        if (state == null) {
          throw new LinkException(
              "resource types cannot be defined inside component or instance types");
        }
        ResourceType type =
            new ResourceType("type " + scope.size(Sort.TYPE) + " of '" + state.name + "'");
        CoreFunc dtor =
            r.destructor().isPresent()
                ? scope
                    .get(Sort.CORE_FUNC, r.destructor().getAsInt(), Item.CoreFuncItem.class)
                    .func()
                : null;
        store.register(type, ResourceImpl.guest(state, dtor));
        yield new TypeValue.Resource(type);
      }
      default -> new TypeValue.Val(types(scope).valType(def));
    };
  }

  private FuncType funcType(Scope scope, int typeIndex) throws LinkException {
    TypeValue t = scope.get(Sort.TYPE, typeIndex, Item.TypeItem.class).type();
    if (t instanceof TypeValue.Func f) {
      return f.type();
    }
    throw new LinkException(
        "type " + typeIndex + " is a " + t.describe() + ", not a function type");
  }

  private static TypeResolver<LinkException> types(Scope scope) {
    return new TypeResolver<>(
        index -> valType(scope, index), index -> resourceType(scope, index), LinkException::new);
  }

  private static ValType valType(Scope scope, int index) throws LinkException {
    TypeValue t = scope.get(Sort.TYPE, index, Item.TypeItem.class).type();
    if (t instanceof TypeValue.Val v) {
      return v.type();
    }
    throw new LinkException("type " + index + " is a " + t.describe() + ", not a value type");
  }

  private static ResourceType resourceType(Scope scope, int index) throws LinkException {
    TypeValue t = scope.get(Sort.TYPE, index, Item.TypeItem.class).type();
    if (t instanceof TypeValue.Resource r) {
      return r.type();
    }
    throw new LinkException("type " + index + " is a " + t.describe() + ", not a resource type");
  }

  // ------------------------------------------------------------------ host imports

  private Item hostImport(Definition.Import imp, Scope scope) throws LinkException {
    String name = imp.name().name();
    return switch (imp.desc()) {
      case ExternDesc.Instance i -> {
        TypeValue t = scope.get(Sort.TYPE, i.typeIndex(), Item.TypeItem.class).type();
        if (!(t instanceof TypeValue.Instance type)) {
          throw new LinkException(
              "import '" + name + "' names a " + t.describe() + ", not an instance type");
        }
        HostInstance host =
            linker
                .instance(name)
                .orElseThrow(
                    () ->
                        new LinkException(
                            "missing import: the host does not provide interface '" + name + "'"));
        yield hostInstance(name, host, type);
      }
      case ExternDesc.Func f -> {
        FuncType type = funcType(scope, f.typeIndex());
        HostFunctionDef host =
            linker
                .function(name)
                .orElseThrow(
                    () ->
                        new LinkException(
                            "missing import: the host does not provide function '" + name + "'"));
        yield new Item.FuncItem(hostFunction(name, type, host));
      }
      case ExternDesc.TypeEq t -> scope.get(Sort.TYPE, t.typeIndex());
      case ExternDesc.TypeSubResource r -> {
        HostResource resource =
            linker
                .resource(name)
                .orElseThrow(
                    () ->
                        new LinkException(
                            "missing import: the host does not provide resource type '"
                                + name
                                + "'"));
        store.register(resource.type(), ResourceImpl.host(resource.destructor()));
        yield new Item.TypeItem(new TypeValue.Resource(resource.type()));
      }
      default ->
          throw new LinkException(
              "import '"
                  + name
                  + "': importing a "
                  + imp.desc().sort()
                  + " from the host is not supported");
    };
  }

  private Item.InstanceItem hostInstance(
      String importName, HostInstance host, TypeValue.Instance type) throws LinkException {
    Scope scope = new Scope(type.scope());
    Map<String, Item> exports = new LinkedHashMap<>();
    for (TypeDef.Decl decl : type.decls()) {
      switch (decl) {
        case TypeDef.Decl.CoreType c -> scope.add(new Item.CoreTypeItem(c.type()));
        case TypeDef.Decl.Type t -> scope.add(new Item.TypeItem(type(t.type(), scope, null)));
        case TypeDef.Decl.AliasDecl a -> scope.add(alias(a.alias(), scope));
        case TypeDef.Decl.Import i ->
            throw new LinkException("an instance type cannot declare imports");
        case TypeDef.Decl.Export e -> {
          String member = e.name().name();
          Item item =
              switch (e.desc()) {
                case ExternDesc.TypeSubResource r -> {
                  HostResource resource =
                      host.resource(member)
                          .orElseThrow(
                              () ->
                                  new LinkException(
                                      "missing import: the host's '"
                                          + host.name()
                                          + "' has no resource '"
                                          + member
                                          + "' (needed by import '"
                                          + importName
                                          + "')"));
                  store.register(resource.type(), ResourceImpl.host(resource.destructor()));
                  yield new Item.TypeItem(new TypeValue.Resource(resource.type()));
                }
                case ExternDesc.TypeEq eq -> scope.get(Sort.TYPE, eq.typeIndex());
                case ExternDesc.Func f -> {
                  FuncType declared = funcType(scope, f.typeIndex());
                  HostFunctionDef fn =
                      host.function(member)
                          .orElseThrow(
                              () ->
                                  new LinkException(
                                      "missing import: the host's '"
                                          + host.name()
                                          + "' has no function '"
                                          + member
                                          + "' (needed by import '"
                                          + importName
                                          + "')"));
                  yield new Item.FuncItem(hostFunction(importName + "#" + member, declared, fn));
                }
                default ->
                    throw new LinkException(
                        "import '"
                            + importName
                            + "': member '"
                            + member
                            + "' is a "
                            + e.desc().sort()
                            + ", which host interfaces cannot provide");
              };
          scope.add(item);
          exports.put(member, item);
        }
      }
    }
    return new Item.InstanceItem(exports);
  }

  private static ComponentFunction hostFunction(
      String name, FuncType declared, HostFunctionDef host) throws LinkException {
    if (!declared.equals(host.type())) {
      throw new LinkException(
          "import '"
              + name
              + "' has type "
              + TypeText.of(declared)
              + " but the host implements "
              + TypeText.of(host.type()));
    }
    return new HostFunctionAdapter(declared, host);
  }
}
