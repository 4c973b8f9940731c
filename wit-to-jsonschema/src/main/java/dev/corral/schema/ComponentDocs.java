package dev.corral.schema;

import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.CustomSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documentation from a component's {@code package-docs} custom section, as written by
 * wit-component (and by tools that attach WIT docs to a built component): one version byte (0 or
 * 1) followed by JSON of the form
 *
 * <pre>{@code
 * {"docs": "...",
 *  "worlds": {"w": {"docs": "...", "funcs": {"f": "..."}, "func_exports": {...},
 *                   "interfaces": {...}, "interface_exports": {...}, "types": {...}}},
 *  "interfaces": {"i": {"docs": "...", "funcs": {"f": "..." or {"docs": "..."}},
 *                       "types": {"t": {"docs": "...", "items": {"field": "..."}}}}}}
 * }</pre>
 *
 * The section describes one package and does not name it, so interfaces are matched by their
 * short name ({@code add} in {@code docs:adder/add@0.1.0}).
 */
public final class ComponentDocs {
  /** The name of the custom section. */
  public static final String SECTION_NAME = "package-docs";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final ComponentDocs NONE = new ComponentDocs(Optional.empty(), Map.of(), Map.of());

  private final Optional<String> packageDocs;
  private final Map<String, Scope> interfaces;
  private final Map<String, Scope> worlds;

  private ComponentDocs(Optional<String> packageDocs, Map<String, Scope> interfaces, Map<String, Scope> worlds) {
    this.packageDocs = packageDocs;
    this.interfaces = interfaces;
    this.worlds = worlds;
  }

  /** No documentation. */
  public static ComponentDocs none() {
    return NONE;
  }

  /** The docs in {@code component}'s {@code package-docs} section, or {@link #none()}. */
  public static ComponentDocs of(Component component) throws DocsFormatException {
    Optional<CustomSection> section = component.customSection(SECTION_NAME);
    if (section.isEmpty()) {
      return NONE;
    }
    try {
      return parse(section.get().contents());
    } catch (DocsFormatException e) {
      throw new DocsFormatException("custom section " + SECTION_NAME + " at byte offset "
          + section.get().offset() + ": " + e.getMessage(), e);
    }
  }

  /** Parses the contents of a {@code package-docs} section. */
  public static ComponentDocs parse(byte[] contents) throws DocsFormatException {
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
    return new ComponentDocs(text(root, "docs", "$"), Map.copyOf(interfaces), Map.copyOf(worlds));
  }

  /** Whether there is no documentation at all. */
  public boolean isEmpty() {
    return packageDocs.isEmpty() && interfaces.isEmpty() && worlds.isEmpty();
  }

  /** The package's own doc comment. */
  public Optional<String> packageDocs() {
    return packageDocs;
  }

  /**
   * The doc comment of a function: {@code interfaceName} is empty for a world-level function,
   * or the full interface name such as {@code docs:adder/add@0.1.0} (or a kebab name).
   */
  public Optional<String> functionDocs(Optional<String> interfaceName, String function) {
    if (interfaceName.isPresent()) {
      return interfaceScope(interfaceName.get()).flatMap(s -> Optional.ofNullable(s.funcs.get(function)));
    }
    for (Scope world : worlds.values()) {
      String docs = world.funcExports.getOrDefault(function, world.funcs.get(function));
      if (docs != null) {
        return Optional.of(docs);
      }
    }
    return Optional.empty();
  }

  /** The doc comment of the world, when the section documents exactly one world. */
  public Optional<String> worldDocs() {
    return worlds.size() == 1 ? worlds.values().iterator().next().docs : Optional.empty();
  }

  /** The doc comment of an interface. */
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
    return worlds.values().stream()
        .map(w -> w.types.get(typeName))
        .filter(Objects::nonNull)
        .findFirst();
  }

  private Optional<Scope> interfaceScope(String interfaceName) {
    String shortName = shortName(interfaceName);
    Scope scope = interfaces.get(shortName);
    if (scope != null) {
      return Optional.of(scope);
    }
    for (Scope world : worlds.values()) {
      Scope inline = world.interfaceExports.getOrDefault(shortName, world.interfaces.get(shortName));
      if (inline != null) {
        return Optional.of(inline);
      }
    }
    return Optional.empty();
  }

  /** {@code add} for {@code docs:adder/add@0.1.0}; kebab names are returned unchanged. */
  static String shortName(String interfaceName) {
    String name = interfaceName;
    int at = name.lastIndexOf('@');
    if (at > 0) {
      name = name.substring(0, at);
    }
    int slash = name.lastIndexOf('/');
    return slash >= 0 ? name.substring(slash + 1) : name;
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
