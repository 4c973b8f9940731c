package dev.corral.schema.wit;

import static dev.corral.schema.wit.InterfaceNames.isQualified;
import static dev.corral.schema.wit.InterfaceNames.packageOf;
import static dev.corral.schema.wit.InterfaceNames.shortName;

import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.binary.Definition;
import dev.corral.sandbox.binary.PackageDocs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which doc comments of a component's {@code package-docs} sections ({@link PackageDocs}, parsed by
 * the sandbox) belong to which world, interface, function and type.
 *
 * <p>Each section documents one package; its interfaces are matched by package and name, so {@code
 * docs:adder/add@0.1.0} takes the docs of {@code add} only from the section of {@code
 * docs:adder@0.1.0}. wit-component's sections do not name their package (only the {@code "package"}
 * field proposed in wasm-tools pull request 2532 would); for a section that does not, {@link
 * #of(Component)} takes the one package of the component's imports and exports that has interfaces
 * of the documented names (and that no other section names), and none if several do. World-level
 * functions, types and inline interfaces are looked up in every section's worlds. There are no
 * parameter docs: WIT has none.
 */
public final class ComponentDocs {
  private static final ComponentDocs NONE = new ComponentDocs(List.of());

  /**
   * A section and the package it documents: the one it names, else the one told from the component.
   */
  private record Section(Optional<String> packageName, PackageDocs docs) {}

  private final List<Section> sections;

  private ComponentDocs(List<Section> sections) {
    this.sections = List.copyOf(sections);
  }

  /** No documentation. */
  public static ComponentDocs none() {
    return NONE;
  }

  /**
   * The docs in {@code component}'s {@code package-docs} sections, or {@link #none()}. A section
   * that names no package documents the one package of the component's interfaces that has
   * interfaces of its documented names (and that no other section names).
   *
   * @throws ComponentDecodeException if a section is malformed (see {@link PackageDocs#parse})
   */
  public static ComponentDocs of(Component component) throws ComponentDecodeException {
    List<PackageDocs> sections = component.packageDocs();
    if (sections.isEmpty()) {
      return NONE;
    }
    return new ComponentDocs(withInferredPackages(sections, interfaceNames(component)));
  }

  /**
   * Docs from sections read on their own: their interfaces are matched only by the package they
   * name (use {@link #of(Component)} for a component's sections).
   */
  public static ComponentDocs of(List<PackageDocs> sections) {
    return new ComponentDocs(sections.stream().map(s -> new Section(s.packageName(), s)).toList());
  }

  /**
   * The qualified interface names ({@code ns:pkg/iface@version}) the component imports or exports.
   */
  private static Set<String> interfaceNames(Component component) {
    Set<String> names = new LinkedHashSet<>();
    for (Definition definition : component.definitions()) {
      String name =
          switch (definition) {
            case Definition.Import i -> i.name().name();
            case Definition.Export e -> e.name().name();
            default -> "";
          };
      if (isQualified(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<Section> withInferredPackages(
      List<PackageDocs> sections, Set<String> interfaceNames) {
    Set<String> named = new HashSet<>();
    sections.forEach(s -> s.packageName().ifPresent(named::add));
    List<Section> out = new ArrayList<>();
    for (PackageDocs section : sections) {
      Set<String> candidates = new TreeSet<>();
      if (section.packageName().isEmpty()) {
        for (String name : interfaceNames) {
          if (section.interfaces().containsKey(shortName(name))
              && !named.contains(packageOf(name))) {
            candidates.add(packageOf(name));
          }
        }
      }
      Optional<String> inferred =
          candidates.size() == 1 ? Optional.of(candidates.iterator().next()) : Optional.empty();
      out.add(new Section(section.packageName().or(() -> inferred), section));
    }
    return out;
  }

  /** Whether there is no documentation at all. */
  public boolean isEmpty() {
    return sections.stream().allMatch(s -> s.docs().isEmpty());
  }

  /** The package's own doc comment, when the component documents one package. */
  public Optional<String> packageDocs() {
    return sections.size() == 1 ? sections.get(0).docs().docs() : Optional.empty();
  }

  /**
   * The doc comment of a function: {@code interfaceName} is empty for a world-level function, or
   * the full interface name such as {@code docs:adder/add@0.1.0} (or a kebab name).
   */
  public Optional<String> functionDocs(Optional<String> interfaceName, String function) {
    if (interfaceName.isPresent()) {
      return interfaceOf(interfaceName.get()).flatMap(i -> documented(i.funcs(), function));
    }
    return worlds()
        .map(
            world ->
                documented(world.funcExports(), function)
                    .or(() -> documented(world.funcs(), function)))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<String> documented(
      Map<String, PackageDocs.Function> functions, String name) {
    return Optional.ofNullable(functions.get(name)).flatMap(PackageDocs.Function::docs);
  }

  /** The doc comment of the world, when the sections document exactly one world. */
  public Optional<String> worldDocs() {
    List<PackageDocs.World> worlds = worlds().toList();
    return worlds.size() == 1 ? worlds.get(0).docs() : Optional.empty();
  }

  /**
   * The doc comment of an interface: a full name such as {@code docs:adder/add@0.1.0}, or a kebab
   * name.
   */
  public Optional<String> interfaceDocs(String interfaceName) {
    return interfaceOf(interfaceName).flatMap(PackageDocs.Interface::docs);
  }

  /**
   * The docs of a named type (with those of its fields, cases or flags), declared in {@code
   * interfaceName} or (when empty) in a world.
   */
  public Optional<PackageDocs.Type> typeDocs(Optional<String> interfaceName, String typeName) {
    if (interfaceName.isPresent()) {
      return interfaceOf(interfaceName.get())
          .flatMap(i -> Optional.ofNullable(i.types().get(typeName)));
    }
    return worlds().map(world -> world.types().get(typeName)).filter(Objects::nonNull).findFirst();
  }

  private Stream<PackageDocs.World> worlds() {
    return sections.stream().flatMap(s -> s.docs().worlds().values().stream());
  }

  /**
   * A qualified interface ({@code docs:adder/add@0.1.0}) in the section of its package ({@code
   * docs:adder@0.1.0}); a kebab name, an inline interface of a world (its export before an import
   * of the same name).
   */
  private Optional<PackageDocs.Interface> interfaceOf(String interfaceName) {
    if (isQualified(interfaceName)) {
      Optional<String> wanted = Optional.of(packageOf(interfaceName));
      String name = shortName(interfaceName);
      return sections.stream()
          .filter(s -> s.packageName().equals(wanted))
          .map(s -> s.docs().interfaces().get(name))
          .filter(Objects::nonNull)
          .findFirst();
    }
    return worlds()
        .map(
            world ->
                world
                    .interfaceExports()
                    .getOrDefault(interfaceName, world.interfaces().get(interfaceName)))
        .filter(Objects::nonNull)
        .findFirst();
  }
}
