package dev.corral.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;
import tools.jackson.dataformat.yaml.YAMLReadFeature;

/**
 * A YAML document read with Jackson's streaming YAML parser into a small tree whose every node
 * remembers the 1-based line and column it started at, so semantic errors can point at it.
 */
final class YamlTree {
  private YamlTree() {}

  record Mark(int line, int column) {}

  sealed interface Node permits Scalar, Seq, MapNode {
    Mark mark();
  }

  /** A scalar; {@code token} tells how YAML typed it (string, int, float, boolean, null). */
  record Scalar(JsonToken token, String text, Object number, Mark mark) implements Node {
    Scalar(JsonToken token, String text, Mark mark) {
      this(token, text, null, mark);
    }

    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    String typeName() {
      return switch (token) {
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT -> "an integer";
        case VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "empty (null)";
        default -> "a scalar";
      };
    }
  }

  record Seq(List<Node> items, Mark mark) implements Node {}

  record Entry(String key, Mark keyMark, Node value) {}

  record MapNode(Map<String, Entry> entries, Mark mark) implements Node {}

  /** A syntax error: message and where. */
  static final class SyntaxError extends Exception {
    final Mark mark;

    SyntaxError(String message, Mark mark) {
      super(message);
      this.mark = mark;
    }
  }

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .enable(YAMLReadFeature.EMPTY_STRING_AS_NULL) // only plain empty values; "" stays a string
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  /** Reads one document; an empty document is {@code null}. */
  static Node read(String text) throws SyntaxError {
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      Node root = readValue(parser, text);
      JsonToken next = parser.nextToken();
      if (next != null) {
        throw new SyntaxError(
            "a policy file holds one YAML document; found another", mark(parser.currentTokenLocation()));
      }
      return root;
    } catch (JacksonException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
          org.snakeyaml.engine.v2.exceptions.Mark problem = marked.getProblemMark().get();
          String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
          throw new SyntaxError(
              "YAML syntax error: " + marked.getProblem() + context,
              new Mark(problem.getLine() + 1, problem.getColumn() + 1));
        }
      }
      TokenStreamLocation location = e.getLocation();
      Mark mark = location == null ? new Mark(1, 1) : mark(location);
      throw new SyntaxError("YAML syntax error: " + firstLine(e.getOriginalMessage()), mark);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable YAML";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static Mark mark(TokenStreamLocation location) {
    return new Mark(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  private static Node readValue(JsonParser parser, String text) throws SyntaxError {
    Mark mark = mark(parser.currentTokenLocation());
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      throw new SyntaxError("YAML aliases (*name) are not allowed in policy files; write the value out", mark);
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String key = parser.currentName();
          Mark keyMark = mark(parser.currentTokenLocation());
          parser.nextToken();
          Node value = readValue(parser, text);
          if (entries.containsKey(key)) {
            throw new SyntaxError(
                "duplicate key '" + key + "' (first at line " + entries.get(key).keyMark().line() + ")", keyMark);
          }
          entries.put(key, new Entry(key, keyMark, value));
        }
        return new MapNode(entries, mark);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser, text));
        }
        return new Seq(items, mark);
      }
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
        if (token == JsonToken.VALUE_STRING && parser.getString().equals("~") && isPlainTilde(parser, text)) {
          return new Scalar(JsonToken.VALUE_NULL, "", mark); // YAML's other spelling of null
        }
        Object number = null;
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
          try {
            number = parser.getNumberValue();
          } catch (JacksonException e) {
            number = null; // out of range for Java's types; kept as text
          }
        }
        return new Scalar(token, token == JsonToken.VALUE_NULL ? "" : parser.getString(), number, mark);
      }
      default -> throw new SyntaxError("unexpected YAML content (" + token + ")", mark);
    }
  }

  private static boolean isPlainTilde(JsonParser parser, String text) {
    long offset = parser.currentTokenLocation().getCharOffset();
    if (offset < 0 || offset > text.codePointCount(0, text.length())) {
      return false;
    }
    int at = text.offsetByCodePoints(0, (int) offset);
    return at < text.length() && text.charAt(at) == '~';
  }

  /** The node as plain Java data (maps, lists, strings, numbers, booleans, null). */
  static Object toPlain(Node node) {
    return switch (node) {
      case MapNode map -> {
        Map<String, Object> out = new LinkedHashMap<>();
        map.entries().forEach((k, e) -> out.put(k, toPlain(e.value())));
        yield java.util.Collections.unmodifiableMap(out);
      }
      case Seq seq -> seq.items().stream().map(YamlTree::toPlain).toList();
      case Scalar s -> switch (s.token()) {
        case VALUE_NULL -> null;
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> s.number() == null ? s.text() : s.number();
        default -> s.text();
      };
    };
  }
}
