package dev.corral.schema.wit;

import static dev.corral.schema.wit.InterfaceNames.isQualified;
import static dev.corral.schema.wit.InterfaceNames.packageOf;
import static dev.corral.schema.wit.InterfaceNames.shortName;

import dev.corral.sandbox.binary.PackageDocs;
import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.world.Function;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.NamedType;
import dev.corral.sandbox.world.QualifiedTypeName;
import dev.corral.sandbox.world.World;
import dev.corral.sandbox.world.WorldItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prints a component's {@link World} as WIT text, in the style of {@code wasm-tools component wit}:
 * a {@code root:component} package with a {@code root} world (a binary keeps no world or package
 * name), followed by a nested {@code package ns:pkg@version { ... }} block for each package whose
 * interfaces the world imports or exports. Interfaces with plain names are printed inline in the
 * world. Types are printed by name wherever the world names them.
 *
 * <p>Structural types the binary leaves unnamed (for example a record used directly in a function
 * signature of a hand-written component) are printed structurally, which is readable but not valid
 * WIT.
 */
public final class WitPrinter {
  private static final String INDENT = "  ";

  private final World world;
  private final ComponentDocs docs;
  private final StringBuilder out = new StringBuilder();

  private WitPrinter(World world, ComponentDocs docs) {
    this.world = world;
    this.docs = docs;
  }

  /** The WIT text of {@code world}. */
  public static String print(World world) {
    return print(world, ComponentDocs.none());
  }

  /**
   * The WIT text of {@code world}, with {@code ///} doc comments from {@code docs} on the world,
   * interfaces, functions, named types and their fields, cases and flags.
   */
  public static String print(World world, ComponentDocs docs) {
    return new WitPrinter(world, docs).printWorld();
  }

  private String printWorld() {
    out.append("package root:component;\n\n");
    doc(0, docs.worldDocs());
    out.append("world root {\n");
    Map<String, List<Interface>> packages = new LinkedHashMap<>();
    Set<String> defined = new HashSet<>();
    boolean any = false;
    for (String direction : List.of("import", "export")) {
      List<WorldItem> items = direction.equals("import") ? world.imports() : world.exports();
      if (any && !items.isEmpty()) {
        out.append('\n');
      }
      WitText text = WitText.with(TypeNames.of(world, null));
      Map<String, List<Function>> resourceFunctions = resourceFunctions(items);
      for (WorldItem item : items) {
        switch (item) {
          case Interface i when isQualified(i.name()) -> {
            line(1, direction + " " + i.name() + ";");
            if (defined.add(i.name())) {
              packages.computeIfAbsent(packageOf(i.name()), p -> new ArrayList<>()).add(i);
            }
          }
          case Interface i -> {
            doc(1, docs.interfaceDocs(i.name()));
            line(1, direction + " " + WitText.id(i.name()) + ": interface {");
            body(i, 2);
            line(1, "}");
          }
          case Function f when f.resourceName().isPresent() -> {}
          case Function f -> {
            doc(1, docs.functionDocs(Optional.empty(), f.name()));
            line(1, direction + " " + text.signatureOf(f.name(), f.type()) + ";");
          }
          case NamedType t -> namedType(t, Optional.empty(), text, resourceFunctions, 1);
        }
        any = true;
      }
    }
    if (!any) {
      out.setLength(out.length() - 1);
    }
    out.append("}\n");
    packages.forEach(this::packageBlock);
    return out.toString();
  }

  private void packageBlock(String packageName, List<Interface> interfaces) {
    out.append("\npackage ").append(packageName).append(" {\n");
    for (int n = 0; n < interfaces.size(); n++) {
      Interface i = interfaces.get(n);
      if (n > 0) {
        out.append("\n");
      }
      doc(1, docs.interfaceDocs(i.name()));
      line(1, "interface " + WitText.id(shortName(i.name())) + " {");
      body(i, 2);
      line(1, "}");
    }
    out.append("}\n");
  }

  private void body(Interface i, int depth) {
    WitText text = WitText.with(TypeNames.of(world, i));
    Map<String, List<Function>> resourceFunctions = new LinkedHashMap<>();
    for (Function f : i.functions()) {
      f.resourceName()
          .ifPresent(r -> resourceFunctions.computeIfAbsent(r, k -> new ArrayList<>()).add(f));
    }
    for (NamedType t : i.types()) {
      namedType(t, Optional.of(i.name()), text, resourceFunctions, depth);
    }
    for (Function f : i.functions()) {
      if (f.resourceName().isEmpty()) {
        doc(depth, docs.functionDocs(Optional.of(i.name()), f.name()));
        line(depth, text.signatureOf(f.name(), f.type()) + ";");
      }
    }
  }

  private static Map<String, List<Function>> resourceFunctions(List<WorldItem> items) {
    Map<String, List<Function>> result = new LinkedHashMap<>();
    for (WorldItem item : items) {
      if (item instanceof Function f) {
        f.resourceName().ifPresent(r -> result.computeIfAbsent(r, k -> new ArrayList<>()).add(f));
      }
    }
    return result;
  }

  private void namedType(
      NamedType t,
      Optional<String> owner,
      WitText text,
      Map<String, List<Function>> resourceFunctions,
      int depth) {
    String name = WitText.id(t.name());
    if (t.aliasOf().isPresent()) {
      QualifiedTypeName original = t.aliasOf().get();
      if (original.interfaceName().equals(owner) || original.interfaceName().isEmpty()) {
        line(depth, "type " + name + " = " + WitText.id(original.name()) + ";");
      } else {
        String renamed =
            original.name().equals(t.name()) ? name : WitText.id(original.name()) + " as " + name;
        line(
            depth, "use " + usePath(original.interfaceName().get(), owner) + ".{" + renamed + "};");
      }
      return;
    }
    Optional<PackageDocs.Type> typeDocs = docs.typeDocs(owner, t.name());
    doc(depth, typeDocs.flatMap(PackageDocs.Type::docs));
    Map<String, String> items = typeDocs.map(PackageDocs.Type::items).orElse(Map.of());
    switch (t) {
      case NamedType.Resource r ->
          resource(
              name,
              r.type(),
              owner,
              resourceFunctions.getOrDefault(t.name(), List.of()),
              text,
              depth);
      case NamedType.Value v -> valueType(name, v.type(), items, text, depth);
    }
  }

  private void valueType(
      String name, ValType type, Map<String, String> items, WitText text, int depth) {
    switch (type) {
      case RecordType r -> {
        line(depth, "record " + name + " {");
        for (Field f : r.fields()) {
          doc(depth + 1, Optional.ofNullable(items.get(f.name())));
          line(depth + 1, WitText.id(f.name()) + ": " + text.typeOf(f.type()) + ",");
        }
        line(depth, "}");
      }
      case VariantType v -> {
        line(depth, "variant " + name + " {");
        for (Case c : v.cases()) {
          doc(depth + 1, Optional.ofNullable(items.get(c.name())));
          line(depth + 1, text.variantCase(c) + ",");
        }
        line(depth, "}");
      }
      case EnumType e -> {
        line(depth, "enum " + name + " {");
        for (String c : e.cases()) {
          doc(depth + 1, Optional.ofNullable(items.get(c)));
          line(depth + 1, WitText.id(c) + ",");
        }
        line(depth, "}");
      }
      case FlagsType f -> {
        line(depth, "flags " + name + " {");
        for (String c : f.names()) {
          doc(depth + 1, Optional.ofNullable(items.get(c)));
          line(depth + 1, WitText.id(c) + ",");
        }
        line(depth, "}");
      }
      default -> line(depth, "type " + name + " = " + text.structure(type) + ";");
    }
  }

  private void resource(
      String name,
      ResourceType type,
      Optional<String> owner,
      List<Function> functions,
      WitText text,
      int depth) {
    if (functions.isEmpty()) {
      line(depth, "resource " + name + ";");
      return;
    }
    line(depth, "resource " + name + " {");
    for (Function f : functions) {
      doc(depth + 1, docs.functionDocs(owner, f.name()));
      line(depth + 1, resourceFunction(f, type, text) + ";");
    }
    line(depth, "}");
  }

  private static String resourceFunction(Function f, ResourceType resource, WitText text) {
    FuncType type = f.type();
    if (f.name().startsWith("[constructor]")) {
      String result =
          type.result()
              .filter(r -> !(r instanceof OwnType o && o.resource() == resource))
              .map(r -> " -> " + text.typeOf(r))
              .orElse("");
      return "constructor(" + text.params(type.params()) + ")" + result;
    }
    String name = WitText.id(f.witName());
    if (f.name().startsWith("[static]")) {
      return name + ": static " + text.funcOf(type);
    }
    List<Field> params = type.params();
    if (!params.isEmpty()
        && params.get(0).type() instanceof BorrowType b
        && b.resource() == resource) {
      params = params.subList(1, params.size());
    }
    return name + ": " + text.funcOf(new FuncType(params, type.result()));
  }

  private String usePath(String interfaceName, Optional<String> owner) {
    if (!isQualified(interfaceName)) {
      return WitText.id(interfaceName);
    }
    if (owner.isPresent()
        && isQualified(owner.get())
        && packageOf(owner.get()).equals(packageOf(interfaceName))) {
      return WitText.id(shortName(interfaceName));
    }
    return interfaceName;
  }

  private void doc(int depth, Optional<String> text) {
    text.map(String::strip)
        .filter(t -> !t.isEmpty())
        .ifPresent(
            t ->
                t.lines()
                    .forEach(l -> line(depth, l.isBlank() ? "///" : "/// " + l.stripTrailing())));
  }

  private void line(int depth, String text) {
    out.append(INDENT.repeat(depth)).append(text).append('\n');
  }
}
