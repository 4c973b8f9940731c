package dev.corral.sandbox.binary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code package-docs} custom section, as wit-parser's {@code metadata.rs} writes it (and
 * tools that attach WIT docs to a built component): a version byte (0 or 1) and JSON holding the
 * doc comments of one WIT package's worlds and interfaces. Interfaces are keyed by their short
 * name ({@code add} for {@code docs:adder/add@0.1.0}). The released format does not say which
 * package it documents; {@code packageName} is the optional {@code "package"} field proposed in
 * wasm-tools pull request 2532, read when present. Stability annotations ({@code @since}, {@code
 * @unstable}) are checked but not kept. Parsed on request ({@link Component#packageDocs()}).
 *
 * @param version the format version byte, 0 or 1
 * @param packageName the package documented ({@code docs:adder@0.1.0}), when the section names it
 * @param docs the package's own doc comment
 * @param worlds by world name
 * @param interfaces by interface name
 */
public record PackageDocs(
    int version,
    Optional<String> packageName,
    Optional<String> docs,
    Map<String, World> worlds,
    Map<String, Interface> interfaces) {
  /** The name of the custom section. */
  public static final String SECTION_NAME = "package-docs";

  public PackageDocs {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(docs, "docs");
    worlds = copy(worlds);
    interfaces = copy(interfaces);
  }

  /**
   * A world's docs. {@code interfaces} and {@code funcs} hold its kebab-named (inline) interfaces
   * and functions, imported or exported; {@code interfaceExports} and {@code funcExports} the
   * exports whose name an import already uses (format v1, which puts every export there). {@code
   * interfaceImportDocs} and {@code interfaceExportDocs} are the doc comments on the world's {@code
   * import} and {@code export} statements of interfaces defined elsewhere, keyed by the interface's
   * full name ({@code wasi:cli/stdout@0.2.0}).
   */
  public record World(
      Optional<String> docs,
      Map<String, Interface> interfaces,
      Map<String, Interface> interfaceExports,
      Map<String, Type> types,
      Map<String, Function> funcs,
      Map<String, Function> funcExports,
      Map<String, String> interfaceImportDocs,
      Map<String, String> interfaceExportDocs) {
    public World {
      Objects.requireNonNull(docs, "docs");
      interfaces = copy(interfaces);
      interfaceExports = copy(interfaceExports);
      types = copy(types);
      funcs = copy(funcs);
      funcExports = copy(funcExports);
      interfaceImportDocs = copy(interfaceImportDocs);
      interfaceExportDocs = copy(interfaceExportDocs);
    }
  }

  /** An interface's docs, its functions' and its types'. */
  public record Interface(
      Optional<String> docs, Map<String, Function> funcs, Map<String, Type> types) {
    public Interface {
      Objects.requireNonNull(docs, "docs");
      funcs = copy(funcs);
      types = copy(types);
    }
  }

  /** A function's doc comment (in format v0 the JSON is just this string, or null). */
  public record Function(Optional<String> docs) {
    public Function {
      Objects.requireNonNull(docs, "docs");
    }
  }

  /**
   * A named type's docs, with the docs of its record fields, variant or enum cases, or flags in
   * {@code items}.
   */
  public record Type(Optional<String> docs, Map<String, String> items) {
    public Type {
      Objects.requireNonNull(docs, "docs");
      items = copy(items);
    }
  }

  /** Whether the section documents nothing (it may still name its package). */
  public boolean isEmpty() {
    return docs.isEmpty() && worlds.isEmpty() && interfaces.isEmpty();
  }

  /**
   * Parses a {@code package-docs} section strictly: every object may hold only the fields the
   * format defines, each of its JSON type.
   *
   * @throws ComponentDecodeException naming the byte offset in the binary of what is malformed, the
   *     section's own offset and the JSON path (e.g. {@code $.interfaces.add.funcs.add})
   */
  public static PackageDocs parse(CustomSection section) throws ComponentDecodeException {
    return PackageDocsReader.read(section);
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
