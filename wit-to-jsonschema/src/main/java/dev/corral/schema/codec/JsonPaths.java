package dev.corral.schema.codec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** JSON paths and the short renderings of JSON values used in error messages. */
final class JsonPaths {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final int MAX_SHOWN = 60;

  private JsonPaths() {}

  /** The path of member {@code name} of the object at {@code path}. */
  static String child(String path, String name) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return path + "." + name;
    }
    return path + "[" + NODES.stringNode(name) + "]";
  }

  static ArgumentException mismatch(String path, String expected, JsonNode received) {
    return new ArgumentException(path, expected, show(received));
  }

  /** Short JSON text of {@code json}, cut after 60 characters. */
  static String show(JsonNode json) {
    if (json == null || json.isMissingNode()) {
      return "nothing";
    }
    String text = escapeSurrogates(json.toString());
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
  }

  private static String escapeSurrogates(String text) {
    if (unpairedSurrogate(text) < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 10);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String names(List<String> names) {
    Set<String> seen = new HashSet<>();
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      if (seen.add(name)) {
        out.append(out.isEmpty() ? "" : ", ").append('"').append(name).append('"');
      }
    }
    return out.toString();
  }

  static int unpairedSurrogate(String s) {
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
