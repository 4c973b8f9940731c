package dev.corral.sandbox.binary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code package-docs} custom section wit-component writes (and tools that attach WIT docs
 * to a built component): a version byte (0 or 1) and JSON holding the doc comments of one WIT
 * package's worlds and interfaces. The section names no package, so interfaces are keyed by
 * their short name ({@code add} for {@code docs:adder/add@0.1.0}). Stability annotations (v1)
 * are not kept. Parsed on request ({@link Component#packageDocs()}).
 *
 * @param version the format version byte, 0 or 1
 * @param docs the package's own doc comment
 * @param worlds by world name
 * @param interfaces by interface name
 */
public record PackageDocs(
    int version, Optional<String> docs, Map<String, World> worlds, Map<String, Interface> interfaces) {
  /** The name of the custom section. */
  public static final String SECTION_NAME = "package-docs";

  public PackageDocs {
    Objects.requireNonNull(docs, "docs");
    worlds = copy(worlds);
    interfaces = copy(interfaces);
  }

  /**
   * A world's docs. {@code interfaces} and {@code funcs} hold its kebab-named (inline) interfaces
   * and functions, imported or exported; {@code interfaceExports} and {@code funcExports} the
   * exports whose name an import already uses (format v1).
   */
  public record World(
      Optional<String> docs,
      Map<String, Interface> interfaces,
      Map<String, Interface> interfaceExports,
      Map<String, Type> types,
      Map<String, Function> funcs,
      Map<String, Function> funcExports) {
    public World {
      Objects.requireNonNull(docs, "docs");
      interfaces = copy(interfaces);
      interfaceExports = copy(interfaceExports);
      types = copy(types);
      funcs = copy(funcs);
      funcExports = copy(funcExports);
    }
  }

  /** An interface's docs, its functions' and its types'. */
  public record Interface(Optional<String> docs, Map<String, Function> funcs, Map<String, Type> types) {
    public Interface {
      Objects.requireNonNull(docs, "docs");
      funcs = copy(funcs);
      types = copy(types);
    }
  }

  /** A function's doc comment (in format v0 the JSON is just this string). */
  public record Function(Optional<String> docs) {
    public Function {
      Objects.requireNonNull(docs, "docs");
    }
  }

  /** A type's docs, with the docs of its record fields, variant or enum cases, or flags in {@code items}. */
  public record Type(Optional<String> docs, Map<String, String> items) {
    public Type {
      Objects.requireNonNull(docs, "docs");
      items = copy(items);
    }
  }

  /**
   * Parses a {@code package-docs} section.
   *
   * @throws ComponentDecodeException naming the byte offset in the binary and the JSON path of
   *     what is malformed
   */
  public static PackageDocs parse(CustomSection section) throws ComponentDecodeException {
    byte[] contents = section.contents();
    long base = section.contentsOffset();
    String where = "custom section " + SECTION_NAME + ": ";
    if (contents.length == 0) {
      throw new ComponentDecodeException(base, where + "empty, expected a version byte and JSON");
    }
    int version = contents[0] & 0xFF;
    if (version > 1) {
      throw new ComponentDecodeException(base, where + "unsupported version " + version + ", expected 0 or 1");
    }
    Json root;
    try {
      root = Json.parse(contents, 1, contents.length, base);
    } catch (ComponentDecodeException e) {
      throw e.at(0, where);
    }
    Reader r = new Reader(where);
    Json.Obj top = r.object(root, "$");
    return new PackageDocs(version, r.text(top, "docs", "$"),
        r.map(top, "worlds", "$", r::world), r.map(top, "interfaces", "$", r::iface));
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Maps the JSON tree to the model, naming the JSON path of anything of the wrong kind. */
  private record Reader(String where) {
    @FunctionalInterface
    interface Element<V> {
      V read(Json json, String path) throws ComponentDecodeException;
    }

    World world(Json json, String path) throws ComponentDecodeException {
      Json.Obj o = object(json, path);
      return new World(text(o, "docs", path), map(o, "interfaces", path, this::iface),
          map(o, "interface_exports", path, this::iface), map(o, "types", path, this::type),
          map(o, "funcs", path, this::function), map(o, "func_exports", path, this::function));
    }

    Interface iface(Json json, String path) throws ComponentDecodeException {
      Json.Obj o = object(json, path);
      return new Interface(text(o, "docs", path), map(o, "funcs", path, this::function), map(o, "types", path, this::type));
    }

    Function function(Json json, String path) throws ComponentDecodeException {
      return switch (json) {
        case Json.Str s -> new Function(Optional.of(s.value()));
        case Json.Null n -> new Function(Optional.empty());
        case Json.Obj o -> new Function(text(o, "docs", path));
        default -> throw wrong(json, path, "a string or an object");
      };
    }

    Type type(Json json, String path) throws ComponentDecodeException {
      Json.Obj o = object(json, path);
      return new Type(text(o, "docs", path), map(o, "items", path, this::string));
    }

    String string(Json json, String path) throws ComponentDecodeException {
      if (json instanceof Json.Str s) {
        return s.value();
      }
      throw wrong(json, path, "a string");
    }

    Json.Obj object(Json json, String path) throws ComponentDecodeException {
      if (json instanceof Json.Obj o) {
        return o;
      }
      throw wrong(json, path, "an object");
    }

    Optional<String> text(Json.Obj o, String field, String path) throws ComponentDecodeException {
      Json value = o.members().get(field);
      if (value == null || value instanceof Json.Null) {
        return Optional.empty();
      }
      return Optional.of(string(value, path + "." + field));
    }

    <V> Map<String, V> map(Json.Obj o, String field, String path, Element<V> element) throws ComponentDecodeException {
      Json value = o.members().get(field);
      if (value == null || value instanceof Json.Null) {
        return Map.of();
      }
      Json.Obj members = object(value, path + "." + field);
      Map<String, V> out = new LinkedHashMap<>();
      for (Map.Entry<String, Json> e : members.members().entrySet()) {
        out.put(e.getKey(), element.read(e.getValue(), path + "." + field + "." + e.getKey()));
      }
      return out;
    }

    ComponentDecodeException wrong(Json json, String path, String expected) {
      return new ComponentDecodeException(json.offset(), where + path + ": expected " + expected + ", found " + json.kind());
    }
  }
}
