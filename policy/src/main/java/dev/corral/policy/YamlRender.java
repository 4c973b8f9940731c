package dev.corral.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders plain data (maps with string keys, lists, strings, numbers, booleans, null) as YAML:
 * block style for nested mappings and lists of mappings, flow style for lists of scalars. Strings
 * are always double-quoted with JSON escapes, so no value can change type or break the syntax.
 */
final class YamlRender {
  private YamlRender() {}

  /** Lines of {@code key: value} at {@code column}. */
  static List<String> entry(String key, Object value, int column) {
    List<String> lines = new ArrayList<>();
    String pad = " ".repeat(column);
    if (isInline(value)) {
      lines.add(pad + key(key) + ": " + inline(value));
    } else if (value instanceof Map<?, ?> map) {
      lines.add(pad + key(key) + ":");
      map.forEach((k, v) -> lines.addAll(entry((String) k, v, column + 2)));
    } else {
      lines.add(pad + key(key) + ":");
      for (Object item : (List<?>) value) {
        lines.addAll(item(item, column + 2));
      }
    }
    return lines;
  }

  /** Lines of one {@code - item} with its dash at {@code column}. */
  static List<String> item(Object value, int column) {
    String pad = " ".repeat(column);
    if (isInline(value)) {
      return List.of(pad + "- " + inline(value));
    }
    List<String> lines = new ArrayList<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> lines.addAll(entry((String) k, v, column + 2)));
    } else {
      for (Object nested : (List<?>) value) {
        lines.addAll(item(nested, column + 2));
      }
    }
    lines.set(0, pad + "- " + lines.get(0).substring(column + 2));
    return lines;
  }

  /** A whole document from a top-level mapping. */
  static String document(Map<String, Object> root) {
    StringBuilder out = new StringBuilder();
    root.forEach((k, v) -> entry(k, v, 0).forEach(line -> out.append(line).append('\n')));
    return out.toString();
  }

  /** Scalars, lists of scalars, and empty collections render on one line. */
  static boolean isInline(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.isEmpty();
    }
    if (value instanceof List<?> list) {
      return list.stream().allMatch(v -> !(v instanceof Map) && !(v instanceof List));
    }
    return true;
  }

  /** Flow rendering of any value. */
  static String inline(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return d.isNaN() ? ".nan" : d > 0 ? ".inf" : "-.inf";
    }
    if (value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      return "[" + String.join(", ", list.stream().map(YamlRender::inline).toList()) + "]";
    }
    if (value instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      map.forEach((k, v) -> parts.add(key((String) k) + ": " + inline(v)));
      return "{" + String.join(", ", parts) + "}";
    }
    throw new IllegalArgumentException("cannot render " + value.getClass());
  }

  /** A mapping key: plain when it is a simple word, else double-quoted. */
  static String key(String key) {
    return key.matches("[A-Za-z_$][A-Za-z0-9_.$-]*")
            && !key.matches("(?i)true|false|null|yes|no|on|off|y|n")
        ? key
        : quote(key);
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                  if (c < 0x20
                      || c == 0x7f
                      || (c >= 0x80 && c <= 0x9f)
                      || c == 0xfeff
                      || c == 0x2028
                      || c == 0x2029) {
                    out.append(String.format("\\u%04x", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.append('"').toString();
  }
}
