package dev.corral.sandbox.world;

import dev.corral.sandbox.binary.Alias;
import dev.corral.sandbox.binary.Canon;
import dev.corral.sandbox.binary.CanonOptions;
import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.Definition;
import dev.corral.sandbox.binary.ExternDesc;
import dev.corral.sandbox.binary.Sort;
import dev.corral.sandbox.binary.TypeDef;
import dev.corral.sandbox.binary.TypeResolver;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.TypeText;
import dev.corral.sandbox.types.ValType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Type-checks a component without running it: walks its definitions in order the way instantiation
 * does, but fills the component-level index spaces with types only (core items are not needed to
 * know a component's world). Nested components are instantiated statically with their arguments, so
 * types passed in stay the same objects and names resolve by identity.
 */
final class WorldReader {

  /** A component-level item, known by its type only. */
  private sealed interface Item {
    record TypeItem(TypeEntry type) implements Item {}

    record FuncItem(FuncType type) implements Item {}

    record InstanceItem(Map<String, Item> exports) implements Item {}

    record ComponentItem(Component component, Scope scope) implements Item {}

    record ComponentTypeItem(List<TypeDef.Decl> decls, Scope scope) implements Item {}

    record ValueItem() implements Item {}
  }

  /** An entry of the type index space. */
  private sealed interface TypeEntry {
    record Val(ValType type) implements TypeEntry {}

    record Func(FuncType type) implements TypeEntry {}

    record Resource(ResourceType type) implements TypeEntry {}

    record InstanceT(List<TypeDef.Decl> decls, Scope scope) implements TypeEntry {}

    record ComponentT(List<TypeDef.Decl> decls, Scope scope) implements TypeEntry {}

    default String describe() {
      return switch (this) {
        case Val v -> "value type";
        case Func f -> "function type";
        case Resource r -> "resource type";
        case InstanceT i -> "instance type";
        case ComponentT c -> "component type";
      };
    }
  }

  /** The component-level index spaces of one scope; core sorts are not tracked. */
  private static final class Scope {
    private final Scope parent;

    /**
     * The component instance this scope belongs to, named as instantiation names it: {@code root},
     * {@code instance 2}.
     */
    private final String component;

    private final Map<Sort, List<Item>> spaces = new EnumMap<>(Sort.class);

    /** The resource types this component defines itself (not imported, not outer aliases). */
    private final Set<ResourceType> definedResources =
        Collections.newSetFromMap(new IdentityHashMap<>());

    Scope(Scope parent, String component) {
      this.parent = parent;
      this.component = component;
    }

    /** A scope of a component or instance type, inside {@code outer}. */
    Scope(Scope outer) {
      this(outer, outer.component);
    }

    int size(Sort sort) {
      return spaces.getOrDefault(sort, List.of()).size();
    }

    void add(Sort sort, Item item) {
      spaces.computeIfAbsent(sort, s -> new ArrayList<>()).add(item);
    }

    Item get(Sort sort, int index) throws ComponentTypeException {
      List<Item> space = spaces.getOrDefault(sort, List.of());
      if (index < 0 || index >= space.size()) {
        throw new ComponentTypeException(
            sort + " index " + index + " is out of bounds (" + space.size() + " defined)");
      }
      return space.get(index);
    }

    Scope outer(int count) throws ComponentTypeException {
      Scope s = this;
      for (int i = 0; i < count; i++) {
        if (s.parent == null) {
          throw new ComponentTypeException(
              "outer alias count " + count + " exceeds the enclosing scopes");
        }
        s = s.parent;
      }
      return s;
    }
  }

  private final Map<ValType, QualifiedTypeName> valueNames = new IdentityHashMap<>();
  private final Map<ResourceType, QualifiedTypeName> resourceNames = new IdentityHashMap<>();
  private int depth;
  private int instanceCounter;

  private WorldReader() {}

  static World read(Component component) throws ComponentTypeException {
    return new WorldReader().readRoot(component);
  }

  private World readRoot(Component component) throws ComponentTypeException {
    Scope scope = new Scope(null, "root");
    List<WorldItem> imports = new ArrayList<>();
    List<WorldItem> exports = new ArrayList<>();
    int index = 0;
    for (Definition d : component.definitions()) {
      try {
        Optional<Item> added = define(d, scope, null, new LinkedHashMap<>());
        if (d instanceof Definition.Import i && added.isPresent()) {
          worldItem(i.name().name(), added.get()).ifPresent(imports::add);
        } else if (d instanceof Definition.Export e && added.isPresent()) {
          worldItem(e.name().name(), added.get()).ifPresent(exports::add);
        }
      } catch (ComponentTypeException e) {
        throw new ComponentTypeException(
            "definition " + index + " (" + d.describe() + "): " + e.getMessage());
      }
      index++;
    }
    return new World(imports, exports);
  }

  private Optional<WorldItem> worldItem(String name, Item item) {
    return switch (item) {
      case Item.FuncItem f -> Optional.of(new Function(name, f.type()));
      case Item.TypeItem t ->
          namedType(Optional.empty(), name, t.type()).map(WorldItem.class::cast);
      case Item.InstanceItem inst -> {
        List<NamedType> types = new ArrayList<>();
        List<Function> functions = new ArrayList<>();
        for (Map.Entry<String, Item> e : inst.exports().entrySet()) {
          switch (e.getValue()) {
            case Item.FuncItem f -> functions.add(new Function(e.getKey(), f.type()));
            case Item.TypeItem t ->
                namedType(Optional.of(name), e.getKey(), t.type()).ifPresent(types::add);
            default -> {}
          }
        }
        yield Optional.of(new Interface(name, types, functions));
      }
      default -> Optional.empty();
    };
  }

  private Optional<NamedType> namedType(Optional<String> owner, String name, TypeEntry type) {
    QualifiedTypeName here = new QualifiedTypeName(owner, name);
    return switch (type) {
      case TypeEntry.Val v -> {
        Optional<QualifiedTypeName> earlier =
            v.type() instanceof Primitive
                ? Optional.empty()
                : Optional.ofNullable(valueNames.putIfAbsent(v.type(), here));
        yield Optional.of(new NamedType.Value(name, v.type(), earlier));
      }
      case TypeEntry.Resource r ->
          Optional.of(
              new NamedType.Resource(
                  name, r.type(), Optional.ofNullable(resourceNames.putIfAbsent(r.type(), here))));
      default -> Optional.empty();
    };
  }

  // ------------------------------------------------------------------ components

  /**
   * Processes one definition; returns the component-level item it added, if any. {@code args} is
   * null for the root component, whose imports become fresh abstract items.
   */
  private Optional<Item> define(
      Definition d, Scope scope, Map<String, Item> args, Map<String, Item> exports)
      throws ComponentTypeException {
    Item item;
    Sort sort;
    switch (d) {
      case Definition.CoreModule m -> {
        return Optional.empty();
      }
      case Definition.CoreInstance ci -> {
        return Optional.empty();
      }
      case Definition.CoreType t -> {
        return Optional.empty();
      }
      case Definition.NestedComponent c -> {
        sort = Sort.COMPONENT;
        item = new Item.ComponentItem(c.component(), scope);
      }
      case Definition.Instance i -> {
        sort = Sort.INSTANCE;
        item = instance(i.expr(), scope);
      }
      case Definition.AliasDef a -> {
        if (a.alias().sort().isCore()) {
          return Optional.empty();
        }
        sort = a.alias().sort();
        item = alias(a.alias(), scope);
      }
      case Definition.Type t -> {
        sort = Sort.TYPE;
        TypeEntry type = type(t.type(), scope, true);
        if (type instanceof TypeEntry.Resource r) {
          scope.definedResources.add(r.type());
        }
        item = new Item.TypeItem(type);
      }
      case Definition.CanonDef c -> {
        if (!(c.canon() instanceof Canon.Lift lift)) {
          if (c.canon() instanceof Canon.Unsupported u) {
            throw new ComponentTypeException(
                "canon "
                    + u.builtin()
                    + " belongs to component-model async or threads, which Corral does not support");
          }
          if (c.canon() instanceof Canon.ResourceDrop drop && drop.async()) {
            throw new ComponentTypeException(
                "resource.drop async (component-model async) is not supported");
          }
          if (c.canon() instanceof Canon.Lower lower) {
            rejectAsync(lower.options());
          }
          if (c.canon() instanceof Canon.ResourceNew n) {
            requireLocalResource(scope, n.typeIndex(), "resource.new");
          }
          if (c.canon() instanceof Canon.ResourceRep rep) {
            requireLocalResource(scope, rep.typeIndex(), "resource.rep");
          }
          if (c.canon() instanceof Canon.ResourceDrop drop) {
            resourceType(scope, drop.typeIndex());
          }
          return Optional.empty();
        }
        rejectAsync(lift.options());
        sort = Sort.FUNC;
        item = new Item.FuncItem(funcType(scope, lift.typeIndex()));
      }
      case Definition.Start s ->
          throw new ComponentTypeException(
              "component start functions (a gated feature) are not supported");
      case Definition.Import i -> {
        sort = i.desc().sort();
        if (sort.isCore() && sort != Sort.CORE_MODULE) {
          throw new ComponentTypeException("a component cannot import a " + sort);
        }
        item = args != null ? argument(i, args, scope) : fresh(i.name().name(), i.desc(), scope);
        if (item == null) {
          return Optional.empty();
        }
      }
      case Definition.Export e -> {
        sort = e.target().sort();
        if (sort.isCore()) {
          return Optional.empty();
        }
        item = scope.get(sort, e.target().index());
        if (e.ascribed().isPresent()
            && item instanceof Item.FuncItem f
            && e.ascribed().get() instanceof ExternDesc.Func ascribed) {
          FuncType declared = funcType(scope, ascribed.typeIndex());
          if (!declared.equals(f.type())) {
            throw new ComponentTypeException(
                "the function's type does not match the type it is exported with");
          }
          item = new Item.FuncItem(declared);
        }
        exports.put(e.name().name(), item);
      }
    }
    scope.add(sort, item);
    return Optional.of(item);
  }

  /**
   * The Explainer's validation rule for {@code resource.new} and {@code resource.rep}: only the
   * component that defines a resource type may create handles from, or read, its representation.
   */
  private static void requireLocalResource(Scope scope, int typeIndex, String builtin)
      throws ComponentTypeException {
    ResourceType type = resourceType(scope, typeIndex);
    if (!scope.definedResources.contains(type)) {
      throw new ComponentTypeException(
          "canon "
              + builtin
              + ": type "
              + typeIndex
              + " is not a resource type"
              + " defined by this component (it is imported or aliased from elsewhere); only the component"
              + " that defines a resource may use "
              + builtin
              + " on it");
    }
  }

  private static void rejectAsync(CanonOptions options) throws ComponentTypeException {
    if (options.async() || options.callback().isPresent()) {
      throw new ComponentTypeException("async lift/lower (component-model async) is not supported");
    }
  }

  private Item argument(Definition.Import i, Map<String, Item> args, Scope scope)
      throws ComponentTypeException {
    if (i.desc() instanceof ExternDesc.CoreModule) {
      return null;
    }
    Item item = args.get(i.name().name());
    if (item == null) {
      throw new ComponentTypeException("no argument supplied for import '" + i.name() + "'");
    }
    Sort expected = i.desc().sort();
    if (sortOfItem(item) != expected) {
      throw new ComponentTypeException(
          "import '"
              + i.name()
              + "' expects a "
              + expected
              + " but was given a "
              + sortOfItem(item));
    }
    checkArgument("import '" + i.name() + "'", i.desc(), item, scope);
    return item;
  }

  /**
   * Checks that {@code actual}, passed for an import (or an export of an imported instance)
   * described by {@code desc}, has the type the description declares: the same function type, the
   * same type for a type equality, a resource for a resource import, and every export an instance
   * type declares.
   */
  private void checkArgument(String what, ExternDesc desc, Item actual, Scope scope)
      throws ComponentTypeException {
    switch (desc) {
      case ExternDesc.Func f -> {
        FuncType declared = funcType(scope, f.typeIndex());
        FuncType given = ((Item.FuncItem) actual).type();
        if (!declared.equals(given)) {
          throw new ComponentTypeException(
              what
                  + " expects a function of type "
                  + TypeText.of(declared)
                  + " but was given one of type "
                  + TypeText.of(given));
        }
      }
      case ExternDesc.TypeEq eq -> {
        TypeEntry declared = typeAt(scope, eq.typeIndex());
        TypeEntry given = ((Item.TypeItem) actual).type();
        if (!sameType(declared, given)) {
          throw new ComponentTypeException(
              what
                  + " expects the "
                  + declared.describe()
                  + " "
                  + show(declared)
                  + " but was given the "
                  + given.describe()
                  + " "
                  + show(given));
        }
      }
      case ExternDesc.TypeSubResource r -> {
        if (!(((Item.TypeItem) actual).type() instanceof TypeEntry.Resource)) {
          throw new ComponentTypeException(
              what
                  + " expects a resource type but was given a "
                  + ((Item.TypeItem) actual).type().describe());
        }
      }
      case ExternDesc.Instance inst -> {
        TypeEntry t = typeAt(scope, inst.typeIndex());
        if (!(t instanceof TypeEntry.InstanceT type)) {
          throw new ComponentTypeException(
              "type " + inst.typeIndex() + " is a " + t.describe() + ", not an instance type");
        }
        checkInstance(what, type, (Item.InstanceItem) actual);
      }
      default -> {}
    }
  }

  /**
   * Checks an instance against an instance type, binding the type's exported types to the
   * instance's.
   */
  private void checkInstance(String what, TypeEntry.InstanceT type, Item.InstanceItem actual)
      throws ComponentTypeException {
    enter();
    try {
      Scope scope = new Scope(type.scope());
      for (TypeDef.Decl decl : type.decls()) {
        switch (decl) {
          case TypeDef.Decl.CoreType c -> {}
          case TypeDef.Decl.Type t ->
              scope.add(Sort.TYPE, new Item.TypeItem(type(t.type(), scope, false)));
          case TypeDef.Decl.AliasDecl a -> {
            if (!a.alias().sort().isCore()) {
              scope.add(a.alias().sort(), alias(a.alias(), scope));
            }
          }
          case TypeDef.Decl.Import i ->
              throw new ComponentTypeException("an instance type cannot declare imports");
          case TypeDef.Decl.Export e -> {
            String name = e.name().name();
            Item item = actual.exports().get(name);
            if (item == null) {
              throw new ComponentTypeException(
                  what
                      + " expects an instance exporting '"
                      + name
                      + "', but the instance given has no such export");
            }
            if (sortOfItem(item) != e.desc().sort()) {
              throw new ComponentTypeException(
                  what
                      + " expects export '"
                      + name
                      + "' to be a "
                      + e.desc().sort()
                      + " but the instance given exports a "
                      + sortOfItem(item));
            }
            checkArgument(what + " (export '" + name + "')", e.desc(), item, scope);
            if (!(e.desc() instanceof ExternDesc.CoreModule)) {
              scope.add(e.desc().sort(), item);
            }
          }
        }
      }
    } finally {
      depth--;
    }
  }

  private static boolean sameType(TypeEntry a, TypeEntry b) {
    return switch (a) {
      case TypeEntry.Resource r ->
          b instanceof TypeEntry.Resource other && r.type() == other.type();
      case TypeEntry.Val v -> b instanceof TypeEntry.Val other && v.type().equals(other.type());
      case TypeEntry.Func f -> b instanceof TypeEntry.Func other && f.type().equals(other.type());
      default -> a.getClass() == b.getClass();
    };
  }

  private static String show(TypeEntry t) {
    return switch (t) {
      case TypeEntry.Val v -> TypeText.of(v.type());
      case TypeEntry.Func f -> TypeText.of(f.type());
      case TypeEntry.Resource r -> r.type().toString();
      default -> "";
    };
  }

  private static Sort sortOfItem(Item item) {
    return switch (item) {
      case Item.TypeItem t -> Sort.TYPE;
      case Item.FuncItem f -> Sort.FUNC;
      case Item.InstanceItem i -> Sort.INSTANCE;
      case Item.ComponentItem c -> Sort.COMPONENT;
      case Item.ComponentTypeItem c -> Sort.COMPONENT;
      case Item.ValueItem v -> Sort.VALUE;
    };
  }

  /** An item of the type {@code desc} describes, as an import or an export of a typed instance. */
  private Item fresh(String name, ExternDesc desc, Scope scope) throws ComponentTypeException {
    return switch (desc) {
      case ExternDesc.CoreModule m -> null;
      case ExternDesc.Func f -> new Item.FuncItem(funcType(scope, f.typeIndex()));
      case ExternDesc.Value v ->
          throw new ComponentTypeException(
              "value imports and exports (a gated feature) are not supported");
      case ExternDesc.TypeEq t -> scope.get(Sort.TYPE, t.typeIndex());
      case ExternDesc.TypeSubResource r ->
          new Item.TypeItem(new TypeEntry.Resource(new ResourceType(name)));
      case ExternDesc.Component c -> {
        TypeEntry t = typeAt(scope, c.typeIndex());
        if (!(t instanceof TypeEntry.ComponentT ct)) {
          throw new ComponentTypeException(
              "type " + c.typeIndex() + " is a " + t.describe() + ", not a component type");
        }
        yield new Item.ComponentTypeItem(ct.decls(), ct.scope());
      }
      case ExternDesc.Instance i -> {
        TypeEntry t = typeAt(scope, i.typeIndex());
        if (!(t instanceof TypeEntry.InstanceT it)) {
          throw new ComponentTypeException(
              "type " + i.typeIndex() + " is a " + t.describe() + ", not an instance type");
        }
        yield instanceOfType(it.decls(), it.scope(), false);
      }
    };
  }

  /**
   * An instance with the exports an instance or component type declares. For a component type, its
   * imports are skipped and its exports are what instantiating it yields.
   */
  private Item.InstanceItem instanceOfType(
      List<TypeDef.Decl> decls, Scope outer, boolean componentType) throws ComponentTypeException {
    enter();
    try {
      Scope scope = new Scope(outer);
      Map<String, Item> exports = new LinkedHashMap<>();
      for (TypeDef.Decl decl : decls) {
        switch (decl) {
          case TypeDef.Decl.CoreType c -> {}
          case TypeDef.Decl.Type t ->
              scope.add(Sort.TYPE, new Item.TypeItem(type(t.type(), scope, false)));
          case TypeDef.Decl.AliasDecl a -> {
            if (!a.alias().sort().isCore()) {
              scope.add(a.alias().sort(), alias(a.alias(), scope));
            }
          }
          case TypeDef.Decl.Import i -> {
            if (!componentType) {
              throw new ComponentTypeException("an instance type cannot declare imports");
            }
            Item item = fresh(i.name().name(), i.desc(), scope);
            if (item != null) {
              scope.add(i.desc().sort(), item);
            }
          }
          case TypeDef.Decl.Export e -> {
            Item item = fresh(e.name().name(), e.desc(), scope);
            if (item != null) {
              scope.add(e.desc().sort(), item);
              exports.put(e.name().name(), item);
            }
          }
        }
      }
      return new Item.InstanceItem(exports);
    } finally {
      depth--;
    }
  }

  private void enter() throws ComponentTypeException {
    if (++depth > 100) {
      depth--;
      throw new ComponentTypeException("components or types are nested more than 100 deep");
    }
  }

  private Item.InstanceItem instance(Definition.InstanceExpr expr, Scope scope)
      throws ComponentTypeException {
    return switch (expr) {
      case Definition.InstanceExpr.Instantiate inst -> {
        Item c = scope.get(Sort.COMPONENT, inst.componentIndex());
        Map<String, Item> args = new HashMap<>();
        for (Definition.Arg a : inst.args()) {
          if (!a.target().sort().isCore()) {
            args.put(a.name(), scope.get(a.target().sort(), a.target().index()));
          }
        }
        yield switch (c) {
          case Item.ComponentItem defined ->
              instantiate(defined.component(), defined.scope(), args);
          case Item.ComponentTypeItem typed -> instanceOfType(typed.decls(), typed.scope(), true);
          default ->
              throw new ComponentTypeException(
                  "component index " + inst.componentIndex() + " is not a component");
        };
      }
      case Definition.InstanceExpr.FromExports bundle -> {
        Map<String, Item> exports = new LinkedHashMap<>();
        for (Definition.NamedItem n : bundle.exports()) {
          if (!n.target().sort().isCore()) {
            exports.put(n.name().name(), scope.get(n.target().sort(), n.target().index()));
          }
        }
        yield new Item.InstanceItem(exports);
      }
    };
  }

  private Item.InstanceItem instantiate(Component component, Scope parent, Map<String, Item> args)
      throws ComponentTypeException {
    enter();
    try {
      Scope scope = new Scope(parent, "instance " + (++instanceCounter));
      Map<String, Item> exports = new LinkedHashMap<>();
      int index = 0;
      for (Definition d : component.definitions()) {
        try {
          define(d, scope, args, exports);
        } catch (ComponentTypeException e) {
          throw new ComponentTypeException(
              "in a nested component, definition "
                  + index
                  + " ("
                  + d.describe()
                  + "): "
                  + e.getMessage());
        }
        index++;
      }
      return new Item.InstanceItem(exports);
    } finally {
      depth--;
    }
  }

  private static Item alias(Alias alias, Scope scope) throws ComponentTypeException {
    return switch (alias) {
      case Alias.InstanceExport e -> {
        Item inst = scope.get(Sort.INSTANCE, e.instanceIndex());
        if (!(inst instanceof Item.InstanceItem instance)) {
          throw new ComponentTypeException(
              "instance index " + e.instanceIndex() + " is not an instance");
        }
        Item item = instance.exports().get(e.name());
        if (item == null) {
          throw new ComponentTypeException(
              "instance " + e.instanceIndex() + " has no export named '" + e.name() + "'");
        }
        if (sortOfItem(item) != e.sort()) {
          throw new ComponentTypeException(
              "export '" + e.name() + "' is a " + sortOfItem(item) + ", not a " + e.sort());
        }
        yield item;
      }
      case Alias.CoreInstanceExport e ->
          throw new ComponentTypeException("a core export cannot be a component-level item");
      case Alias.Outer o -> scope.outer(o.count()).get(o.sort(), o.index());
    };
  }

  // ------------------------------------------------------------------ types

  private TypeEntry type(TypeDef def, Scope scope, boolean inComponent)
      throws ComponentTypeException {
    return switch (def) {
      case TypeDef.Func f -> new TypeEntry.Func(types(scope).funcType(f));
      case TypeDef.ComponentType c -> new TypeEntry.ComponentT(c.decls(), scope);
      case TypeDef.InstanceType i -> new TypeEntry.InstanceT(i.decls(), scope);
      case TypeDef.Resource r -> {
        if (!inComponent) {
          throw new ComponentTypeException(
              "resource types cannot be defined inside component or instance types");
        }
        yield new TypeEntry.Resource(
            new ResourceType("type " + scope.size(Sort.TYPE) + " of '" + scope.component + "'"));
      }
      default -> new TypeEntry.Val(types(scope).valType(def));
    };
  }

  private static TypeEntry typeAt(Scope scope, int index) throws ComponentTypeException {
    Item item = scope.get(Sort.TYPE, index);
    if (item instanceof Item.TypeItem t) {
      return t.type();
    }
    throw new ComponentTypeException("type index " + index + " is not a type");
  }

  private static FuncType funcType(Scope scope, int typeIndex) throws ComponentTypeException {
    TypeEntry t = typeAt(scope, typeIndex);
    if (t instanceof TypeEntry.Func f) {
      return f.type();
    }
    throw new ComponentTypeException(
        "type " + typeIndex + " is a " + t.describe() + ", not a function type");
  }

  private static TypeResolver<ComponentTypeException> types(Scope scope) {
    return new TypeResolver<>(
        index -> valType(scope, index),
        index -> resourceType(scope, index),
        ComponentTypeException::new);
  }

  private static ValType valType(Scope scope, int index) throws ComponentTypeException {
    TypeEntry t = typeAt(scope, index);
    if (t instanceof TypeEntry.Val v) {
      return v.type();
    }
    throw new ComponentTypeException(
        "type " + index + " is a " + t.describe() + ", not a value type");
  }

  private static ResourceType resourceType(Scope scope, int index) throws ComponentTypeException {
    TypeEntry t = typeAt(scope, index);
    if (t instanceof TypeEntry.Resource r) {
      return r.type();
    }
    throw new ComponentTypeException(
        "type " + index + " is a " + t.describe() + ", not a resource type");
  }
}
