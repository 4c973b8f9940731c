package dev.corral.sandbox.binary;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON of a {@code package-docs} section from Jackson's token stream into {@link
 * PackageDocs}, as strictly as wit-parser's serde structures ({@code deny_unknown_fields}): only
 * the fields the format defines, each of its JSON type, {@code null} only where the format has an
 * optional string. Jackson checks the JSON itself (UTF-8, syntax, duplicate members); errors name
 * the byte offset of the offending token in the binary and its JSON path.
 */
final class PackageDocsReader {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** Reads the value at the current token, leaving the parser on the value's last token. */
  @FunctionalInterface
  private interface Element<V> {
    V read(String path) throws ComponentDecodeException;
  }

  /** The members an object was found to have, by field name. */
  private record Fields(Map<String, Object> values) {
    @SuppressWarnings("unchecked")
    <T> T get(String name, T absent) {
      return values.containsKey(name) ? (T) values.get(name) : absent;
    }
  }

  private final JsonParser parser;
  private final long jsonStart;
  private final String where;

  private PackageDocsReader(JsonParser parser, long jsonStart, String where) {
    this.parser = parser;
    this.jsonStart = jsonStart;
    this.where = where;
  }

  static PackageDocs read(CustomSection section) throws ComponentDecodeException {
    byte[] contents = section.contents();
    String where =
        "custom section "
            + PackageDocs.SECTION_NAME
            + " (section at byte offset "
            + section.offset()
            + "): ";
    if (contents.length == 0) {
      throw new ComponentDecodeException(
          section.contentsOffset(), where + "empty, expected a version byte and JSON");
    }
    int version = contents[0] & 0xFF;
    if (version > 1) {
      throw new ComponentDecodeException(
          section.contentsOffset(), where + "unsupported version " + version + ", expected 0 or 1");
    }
    long jsonStart = section.contentsOffset() + 1L;
    try (JsonParser parser = MAPPER.createParser(contents, 1, contents.length - 1)) {
      return new PackageDocsReader(parser, jsonStart, where).document(version);
    } catch (JacksonException e) {
      throw syntaxError(e, jsonStart, where);
    }
  }

  private PackageDocs document(int version) throws ComponentDecodeException {
    next();
    Fields f =
        object(
            "$",
            Map.of(
                "package",
                this::optionalString,
                "docs",
                this::optionalString,
                "worlds",
                map(this::world),
                "interfaces",
                map(this::iface)));
    if (next() != null) {
      throw error("expected the end of the JSON after the object, found " + found());
    }
    return new PackageDocs(
        version,
        f.get("package", Optional.empty()),
        f.get("docs", Optional.empty()),
        f.get("worlds", Map.of()),
        f.get("interfaces", Map.of()));
  }

  private PackageDocs.World world(String path) throws ComponentDecodeException {
    Fields f =
        object(
            path,
            Map.ofEntries(
                Map.entry("docs", this::optionalString),
                Map.entry("stability", this::stability),
                Map.entry("interfaces", map(this::iface)),
                Map.entry("types", map(this::type)),
                Map.entry("funcs", map(this::function)),
                Map.entry("interface_exports", map(this::iface)),
                Map.entry("func_exports", map(this::function)),
                Map.entry("interface_import_stability", map(this::stability)),
                Map.entry("interface_export_stability", map(this::stability)),
                Map.entry("interface_import_docs", map(this::string)),
                Map.entry("interface_export_docs", map(this::string))));
    return new PackageDocs.World(
        f.get("docs", Optional.empty()),
        f.get("interfaces", Map.of()),
        f.get("interface_exports", Map.of()),
        f.get("types", Map.of()),
        f.get("funcs", Map.of()),
        f.get("func_exports", Map.of()),
        f.get("interface_import_docs", Map.of()),
        f.get("interface_export_docs", Map.of()));
  }

  private PackageDocs.Interface iface(String path) throws ComponentDecodeException {
    Fields f =
        object(
            path,
            Map.of(
                "docs",
                this::optionalString,
                "stability",
                this::stability,
                "funcs",
                map(this::function),
                "types",
                map(this::type)));
    return new PackageDocs.Interface(
        f.get("docs", Optional.empty()), f.get("funcs", Map.of()), f.get("types", Map.of()));
  }

  /** Format v0 has the doc comment (or null), v1 an object with docs and stability. */
  private PackageDocs.Function function(String path) throws ComponentDecodeException {
    return switch (parser.currentToken()) {
      case VALUE_STRING -> new PackageDocs.Function(Optional.of(string(path)));
      case VALUE_NULL -> new PackageDocs.Function(Optional.empty());
      case START_OBJECT ->
          new PackageDocs.Function(
              object(path, Map.of("docs", this::optionalString, "stability", this::stability))
                  .get("docs", Optional.empty()));
      default -> throw wrong(path, "a string, an object or null");
    };
  }

  private PackageDocs.Type type(String path) throws ComponentDecodeException {
    Fields f =
        object(
            path,
            Map.of(
                "docs", this::optionalString,
                "stability", this::stability,
                "items", map(this::string)));
    return new PackageDocs.Type(f.get("docs", Optional.empty()), f.get("items", Map.of()));
  }

  /**
   * wit-parser's {@code Stability}: {@code "unknown"}, {@code {"stable": {"since", "deprecated"}}}
   * or {@code {"unstable": {"feature", "deprecated"}}} (also {@code {"unknown": null}}). Checked,
   * not kept.
   */
  private Void stability(String path) throws ComponentDecodeException {
    String expected = "\"unknown\" or an object with one member, stable, unstable or unknown";
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      if (!string(path).equals("unknown")) {
        throw wrong(path, expected);
      }
      return null;
    }
    if (parser.currentToken() != JsonToken.START_OBJECT || next() != JsonToken.PROPERTY_NAME) {
      throw wrong(path, expected);
    }
    String kind = parser.currentName();
    String at = child(path, kind);
    switch (kind) {
      case "unknown" -> {
        if (next() != JsonToken.VALUE_NULL) {
          throw wrong(at, "null");
        }
      }
      case "stable" -> {
        next();
        required(
            object(at, Map.of("since", this::string, "deprecated", this::optionalString)),
            "since",
            at);
      }
      case "unstable" -> {
        next();
        required(
            object(at, Map.of("feature", this::string, "deprecated", this::optionalString)),
            "feature",
            at);
      }
      default -> throw error(at + ": unknown stability, expected stable, unstable or unknown");
    }
    if (next() != JsonToken.END_OBJECT) {
      throw error(
          path + ": a stability has exactly one member, found another: " + parser.currentName());
    }
    return null;
  }

  private void required(Fields fields, String name, String path) throws ComponentDecodeException {
    if (!fields.values().containsKey(name)) {
      throw error(path + ": missing field " + name);
    }
  }

  /** An object with only the given fields, each read by its element reader. */
  private Fields object(String path, Map<String, Element<?>> fields)
      throws ComponentDecodeException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw wrong(path, "an object");
    }
    Map<String, Object> values = new HashMap<>();
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      Element<?> element = fields.get(name);
      if (element == null) {
        throw error(
            child(path, name)
                + ": unknown field, expected one of "
                + String.join(", ", new TreeSet<>(fields.keySet())));
      }
      next();
      values.put(name, element.read(child(path, name)));
    }
    return new Fields(values);
  }

  /** An object whose members all have the same form, in order. */
  private <V> Element<Map<String, V>> map(Element<V> element) {
    return path -> {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw wrong(path, "an object");
      }
      Map<String, V> out = new LinkedHashMap<>();
      while (next() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        next();
        out.put(name, element.read(child(path, name)));
      }
      return out;
    };
  }

  private Optional<String> optionalString(String path) throws ComponentDecodeException {
    return switch (parser.currentToken()) {
      case VALUE_NULL -> Optional.empty();
      case VALUE_STRING -> Optional.of(string(path));
      default -> throw wrong(path, "a string or null");
    };
  }

  private String string(String path) throws ComponentDecodeException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw wrong(path, "a string");
    }
    String value;
    try {
      value = parser.getString();
    } catch (JacksonException e) {
      throw syntaxError(e, jsonStart, where);
    }
    int bad = unpairedSurrogate(value);
    if (bad >= 0) {
      throw error(
          path
              + ": the string has an unpaired surrogate (\\u"
              + Integer.toHexString(value.charAt(bad)).toUpperCase(Locale.ROOT)
              + ") at index "
              + bad);
    }
    return value;
  }

  private JsonToken next() throws ComponentDecodeException {
    try {
      return parser.nextToken();
    } catch (JacksonException e) {
      throw syntaxError(e, jsonStart, where);
    }
  }

  private ComponentDecodeException wrong(String path, String expected) {
    return error(path + ": expected " + expected + ", found " + found());
  }

  /** An error at the current token, or where the JSON ended. */
  private ComponentDecodeException error(String message) {
    long at =
        parser.currentToken() == null
            ? parser.currentLocation().getByteOffset()
            : parser.currentTokenLocation().getByteOffset();
    return new ComponentDecodeException(jsonStart + at, where + message);
  }

  /** What the current token starts: {@code an array}, {@code a number}, ... */
  private String found() {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return "the end of the JSON";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case END_OBJECT -> "the end of the object";
      default -> token.name();
    };
  }

  private static ComponentDecodeException syntaxError(
      JacksonException e, long jsonStart, String where) {
    long at =
        e.getLocation() == null || e.getLocation().getByteOffset() < 0
            ? jsonStart
            : jsonStart + e.getLocation().getByteOffset();
    return new ComponentDecodeException(at, where + "invalid JSON: " + e.getOriginalMessage());
  }

  /**
   * The path of member {@code name} of the object at {@code path}: {@code $.a.b}, or {@code
   * $.a["[method]r.m"]}.
   */
  private static String child(String path, String name) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return path + "." + name;
    }
    return path
        + "[\""
        + new String(JsonStringEncoder.getInstance().quoteAsCharArray(name))
        + "\"]";
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  private static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
