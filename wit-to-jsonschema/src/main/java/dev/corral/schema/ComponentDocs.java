package dev.corral.schema;

import static dev.corral.schema.InterfaceNames.isQualified;
import static dev.corral.schema.InterfaceNames.packageOf;
import static dev.corral.schema.InterfaceNames.shortName;

import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.CustomSection;
import dev.corral.sandbox.binary.Definition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documentation from a component's {@code package-docs} custom sections, as written by
 * wit-component (and by tools that attach WIT docs to a built component): one version byte (0 or
 * 1) followed by JSON of the form
 *
 * <pre>{@code
 * {"package": "docs:adder@0.1.0",
 *  "docs": "...",
 *  "worlds": {"w": {"docs": "...", "funcs": {"f": "..."}, "func_exports": {...},
 *                   "interfaces": {...}, "interface_exports": {...}, "types": {...}}},
 *  "interfaces": {"i": {"docs": "...", "funcs": {"f": "..." or {"docs": "..."}},
 *                       "types": {"t": {"docs": "...", "items": {"field": "..."}}}}}}
 * }</pre>
 *
 * Each section documents one package; its interfaces are matched by package and name, so {@code
 * docs:adder/add@0.1.0} takes the docs of {@code add} only from the section of {@code
 * docs:adder@0.1.0}. Newer writers name the package ({@code "package"}); for a section that does
 * not, {@link #of} takes the one package of the component's imports and exports that has
 * interfaces of the documented names, and none if several do. There are no parameter docs: WIT
 * has none, and functions carry only {@code docs} (and {@code stability}).
 */
public final class ComponentDocs {
  /** The name of the custom section. */
  public static final String SECTION_NAME = "package-docs";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final ComponentDocs NONE = new ComponentDocs(List.of());

  /**
   * One section: the package it documents ({@code ns:name@version}; empty when it names none and
   * none could be told), its own docs, its interfaces by name, and its worlds.
   */
  private record PackageDocs(
      Optional<String> packageName, Optional<String> docs, Map<String, Scope> interfaces, Map<String, Scope> worlds) {
    PackageDocs withPackage(String name) {
      return new PackageDocs(Optional.of(name), docs, interfaces, worlds);
    }

    boolean isEmpty() {
      return docs.isEmpty() && interfaces.isEmpty() && worlds.isEmpty();
    }
  }

  private final List<PackageDocs> packages;

  private ComponentDocs(List<PackageDocs> packages) {
    this.packages = List.copyOf(packages);
  }

  /** No documentation. */
  public static ComponentDocs none() {
    return NONE;
  }

  /**
   * The docs in {@code component}'s {@code package-docs} sections, or {@link #none()}. A section
   * that names no package documents the one package of the component's interfaces that has
   * interfaces of its documented names (and that no other section names).
   */
  public static ComponentDocs of(Component component) throws DocsFormatException {
    List<PackageDocs> sections = new ArrayList<>();
    for (CustomSection section : component.customSections()) {
      if (!section.name().equals(SECTION_NAME)) {
        continue;
      }
      try {
        sections.add(read(section.contents()));
      } catch (DocsFormatException e) {
        throw new DocsFormatException("custom section " + SECTION_NAME + " at byte offset "
            + section.offset() + ": " + e.getMessage(), e);
      }
    }
    if (sections.isEmpty()) {
      return NONE;
    }
    return new ComponentDocs(withInferredPackages(sections, interfaceNames(component)));
  }

  /**
   * Parses the contents of one {@code package-docs} section on its own: its interfaces are
   * matched only if it names its package (use {@link #of} for a component's sections).
   */
  public static ComponentDocs parse(byte[] contents) throws DocsFormatException {
    return new ComponentDocs(List.of(read(contents)));
  }

  private static PackageDocs read(byte[] contents) throws DocsFormatException {
    if (contents.length == 0) {
      throw new DocsFormatException("empty section, expected a version byte and JSON");
    }
    if (contents[0] != 0 && contents[0] != 1) {
      throw new DocsFormatException("unsupported version " + (contents[0] & 0xFF) + ", expected 0 or 1");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(new String(contents, 1, contents.length - 1, java.nio.charset.StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      throw new DocsFormatException("invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new DocsFormatException("expected a JSON object");
    }
    Map<String, Scope> interfaces = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : members(root, "interfaces", "$")) {
      interfaces.put(entry.getKey(), Scope.parse(entry.getValue(), "$.interfaces." + entry.getKey()));
    }
    Map<String, Scope> worlds = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : members(root, "worlds", "$")) {
      worlds.put(entry.getKey(), Scope.parse(entry.getValue(), "$.worlds." + entry.getKey()));
    }
    return new PackageDocs(text(root, "package", "$"), text(root, "docs", "$"), Map.copyOf(interfaces), Map.copyOf(worlds));
  }

  /** The qualified interface names ({@code ns:pkg/iface@version}) the component imports or exports. */
  private static Set<String> interfaceNames(Component component) {
    Set<String> names = new LinkedHashSet<>();
    for (Definition definition : component.definitions()) {
      String name = switch (definition) {
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

  private static List<PackageDocs> withInferredPackages(List<PackageDocs> sections, Set<String> interfaceNames) {
    Set<String> named = new HashSet<>();
    sections.forEach(s -> s.packageName().ifPresent(named::add));
    List<PackageDocs> out = new ArrayList<>();
    for (PackageDocs section : sections) {
      if (section.packageName().isPresent() || section.interfaces().isEmpty()) {
        out.add(section);
        continue;
      }
      Set<String> candidates = new TreeSet<>();
      for (String name : interfaceNames) {
        if (section.interfaces().containsKey(shortName(name)) && !named.contains(packageOf(name))) {
          candidates.add(packageOf(name));
        }
      }
      out.add(candidates.size() == 1 ? section.withPackage(candidates.iterator().next()) : section);
    }
    return out;
  }

  /** Whether there is no documentation at all. */
  public boolean isEmpty() {
    return packages.stream().allMatch(PackageDocs::isEmpty);
  }

  /** The package's own doc comment, when the component documents one package. */
  public Optional<String> packageDocs() {
    return packages.size() == 1 ? packages.get(0).docs() : Optional.empty();
  }

  /**
   * The doc comment of a function: {@code interfaceName} is empty for a world-level function,
   * or the full interface name such as {@code docs:adder/add@0.1.0} (or a kebab name).
   */
  public Optional<String> functionDocs(Optional<String> interfaceName, String function) {
    if (interfaceName.isPresent()) {
      return interfaceScope(interfaceName.get()).flatMap(s -> Optional.ofNullable(s.funcs.get(function)));
    }
    return worlds()
        .map(world -> world.funcExports.getOrDefault(function, world.funcs.get(function)))
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** The doc comment of the world, when the sections document exactly one world. */
  public Optional<String> worldDocs() {
    List<Scope> worlds = worlds().toList();
    return worlds.size() == 1 ? worlds.get(0).docs : Optional.empty();
  }

  /** The doc comment of an interface: a full name such as {@code docs:adder/add@0.1.0}, or a kebab name. */
  public Optional<String> interfaceDocs(String interfaceName) {
    return interfaceScope(interfaceName).flatMap(s -> s.docs);
  }

  /**
   * The docs of a named type, declared in {@code interfaceName} or (when empty) in a world.
   */
  public Optional<TypeDocs> typeDocs(Optional<String> interfaceName, String typeName) {
    if (interfaceName.isPresent()) {
      return interfaceScope(interfaceName.get()).flatMap(s -> Optional.ofNullable(s.types.get(typeName)));
    }
    return worlds()
        .map(w -> w.types.get(typeName))
        .filter(Objects::nonNull)
        .findFirst();
  }

  private Stream<Scope> worlds() {
    return packages.stream().flatMap(p -> p.worlds().values().stream());
  }

  /**
   * A qualified interface ({@code docs:adder/add@0.1.0}) in the section of its package ({@code
   * docs:adder@0.1.0}); a kebab name, an inline interface of a world.
   */
  private Optional<Scope> interfaceScope(String interfaceName) {
    if (isQualified(interfaceName)) {
      Optional<String> wanted = Optional.of(packageOf(interfaceName));
      String name = shortName(interfaceName);
      return packages.stream()
          .filter(p -> p.packageName().equals(wanted))
          .map(p -> p.interfaces().get(name))
          .filter(Objects::nonNull)
          .findFirst();
    }
    return worlds()
        .map(world -> world.interfaceExports.getOrDefault(interfaceName, world.interfaces.get(interfaceName)))
        .filter(Objects::nonNull)
        .findFirst();
  }

  /**
   * The docs of a record, variant, enum or flags type, with the docs of its fields, cases or
   * flags in {@code items}.
   */
  public record TypeDocs(Optional<String> docs, Map<String, String> items) {
    public TypeDocs {
      Objects.requireNonNull(docs, "docs");
      items = Map.copyOf(items);
    }
  }

  /** An interface or world: docs, functions, types and (for worlds) inline interfaces. */
  private record Scope(
      Optional<String> docs,
      Map<String, String> funcs,
      Map<String, String> funcExports,
      Map<String, TypeDocs> types,
      Map<String, Scope> interfaces,
      Map<String, Scope> interfaceExports) {

    static Scope parse(JsonNode json, String path) throws DocsFormatException {
      if (!json.isObject()) {
        throw new DocsFormatException(path + ": expected an object, got " + JsonPaths.show(json));
      }
      return new Scope(
          text(json, "docs", path),
          functions(json, "funcs", path),
          functions(json, "func_exports", path),
          types(json, path),
          scopes(json, "interfaces", path),
          scopes(json, "interface_exports", path));
    }

    private static Map<String, String> functions(JsonNode json, String field, String path)
        throws DocsFormatException {
      Map<String, String> result = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : members(json, field, path)) {
        JsonNode value = entry.getValue();
        String where = path + "." + field + "." + entry.getKey();
        Optional<String> docs = value.isObject() ? text(value, "docs", where)
            : value.isNull() ? Optional.empty()
            : Optional.of(string(value, where));
        docs.ifPresent(d -> result.put(entry.getKey(), d));
      }
      return Map.copyOf(result);
    }

    private static Map<String, TypeDocs> types(JsonNode json, String path) throws DocsFormatException {
      Map<String, TypeDocs> result = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : members(json, "types", path)) {
        String where = path + ".types." + entry.getKey();
        Map<String, String> items = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> item : members(entry.getValue(), "items", where)) {
          items.put(item.getKey(), string(item.getValue(), where + ".items." + item.getKey()));
        }
        result.put(entry.getKey(), new TypeDocs(text(entry.getValue(), "docs", where), items));
      }
      return Map.copyOf(result);
    }

    private static Map<String, Scope> scopes(JsonNode json, String field, String path)
        throws DocsFormatException {
      Map<String, Scope> result = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : members(json, field, path)) {
        result.put(entry.getKey(), parse(entry.getValue(), path + "." + field + "." + entry.getKey()));
      }
      return Map.copyOf(result);
    }
  }

  private static List<Map.Entry<String, JsonNode>> members(JsonNode json, String field, String path)
      throws DocsFormatException {
    if (!json.isObject()) {
      throw new DocsFormatException(path + ": expected an object, got " + JsonPaths.show(json));
    }
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isObject()) {
      throw new DocsFormatException(path + "." + field + ": expected an object, got " + JsonPaths.show(value));
    }
    return List.copyOf(value.properties());
  }

  private static Optional<String> text(JsonNode json, String field, String path) throws DocsFormatException {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(string(value, path + "." + field));
  }

  private static String string(JsonNode value, String path) throws DocsFormatException {
    if (!value.isString()) {
      throw new DocsFormatException(path + ": expected a string, got " + JsonPaths.show(value));
    }
    return value.stringValue();
  }
}
