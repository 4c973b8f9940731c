package dev.corral.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;
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

  /** A syntax error: message, where, and how to fix it. */
  static final class SyntaxError extends Exception {
    final Mark mark;
    final String hint;

    SyntaxError(String message, Mark mark, String hint) {
      super(message);
      this.mark = mark;
      this.hint = hint;
    }
  }

  /** Deepest nesting of mappings and lists a policy may have (a real one needs seven). */
  static final int MAX_DEPTH = 32;

  /** Most characters a policy text may have; files are capped in bytes by {@link PolicyParser}. */
  static final int MAX_CHARS = 1 << 20;

  private static final String SYNTAX_HINT = "check indentation and quoting near this point";

  /*
   * Explicit limits, so no input can make the reader run away whatever the libraries' defaults:
   * the text is capped before parsing (MAX_CHARS) and nesting while reading (MAX_DEPTH); these
   * are a second line behind them. Aliases are never expanded (Jackson reports them as aliases,
   * and readValue refuses them), so there is no alias bomb.
   */
  private static final LoadSettings LOAD_SETTINGS =
      LoadSettings.builder()
          .setCodePointLimit(2 * MAX_CHARS)
          .setMaxAliasesForCollections(0)
          .setAllowRecursiveKeys(false)
          .build();

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .loadSettings(LOAD_SETTINGS)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(2 * MAX_DEPTH)
                          .maxStringLength(2 * MAX_CHARS)
                          .maxNameLength(2 * MAX_CHARS)
                          .maxNumberLength(1000)
                          .build())
                  .enable(
                      YAMLReadFeature
                          .EMPTY_STRING_AS_NULL) // only plain empty values; "" stays a string
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  .disable(
                      StreamReadFeature
                          .STRICT_DUPLICATE_DETECTION) // readValue reports duplicates, with both
                  // lines
                  .build())
          .build();

  /** Reads one document; an empty document is {@code null}. */
  static Node read(String text) throws SyntaxError {
    if (text.length() > MAX_CHARS) {
      throw new SyntaxError(
          "the policy is "
              + text.length()
              + " characters long; a policy may have at most "
              + MAX_CHARS,
          new Mark(1, 1),
          "a policy is a few kilobytes of YAML: check that this is the policy file");
    }
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      Node root = readValue(parser, text, 1);
      JsonToken next = parser.nextToken();
      if (next != null) {
        throw new SyntaxError(
            "a policy file holds one YAML document; found another",
            mark(parser.currentTokenLocation()),
            "remove the '---' line and the document after it");
      }
      return root;
    } catch (JacksonException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof MarkedYamlEngineException marked
            && marked.getProblemMark().isPresent()) {
          org.snakeyaml.engine.v2.exceptions.Mark problem = marked.getProblemMark().get();
          String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
          throw new SyntaxError(
              "YAML syntax error: " + marked.getProblem() + context,
              new Mark(problem.getLine() + 1, problem.getColumn() + 1),
              SYNTAX_HINT);
        }
      }
      TokenStreamLocation location = e.getLocation();
      Mark mark = location == null ? new Mark(1, 1) : mark(location);
      throw new SyntaxError(
          "YAML syntax error: " + firstLine(e.getOriginalMessage()), mark, SYNTAX_HINT);
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

  private static Node readValue(JsonParser parser, String text, int depth) throws SyntaxError {
    Mark mark = mark(parser.currentTokenLocation());
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      throw new SyntaxError(
          "YAML aliases (*name) are not allowed in policy files",
          mark,
          "write the value out in full where the alias is");
    }
    JsonToken token = parser.currentToken();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > MAX_DEPTH) {
      throw new SyntaxError(
          "the policy nests mappings and lists more than " + MAX_DEPTH + " levels deep",
          mark,
          "a policy needs only a few levels: check for unclosed brackets");
    }
    switch (token) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String key = parser.currentName();
          Mark keyMark = mark(parser.currentTokenLocation());
          parser.nextToken();
          Node value = readValue(parser, text, depth + 1);
          if (entries.containsKey(key)) {
            throw new SyntaxError(
                "duplicate key '"
                    + key
                    + "' (first at line "
                    + entries.get(key).keyMark().line()
                    + ")",
                keyMark,
                "keep one of the two '" + key + "' entries");
          }
          entries.put(key, new Entry(key, keyMark, value));
        }
        return new MapNode(entries, mark);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser, text, depth + 1));
        }
        return new Seq(items, mark);
      }
      case VALUE_STRING,
          VALUE_NUMBER_INT,
          VALUE_NUMBER_FLOAT,
          VALUE_TRUE,
          VALUE_FALSE,
          VALUE_NULL -> {
        if (token == JsonToken.VALUE_STRING
            && parser.getString().equals("~")
            && isPlainTilde(parser, text)) {
          return new Scalar(JsonToken.VALUE_NULL, "", mark); // YAML's other spelling of null
        }
        Object number = null;
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
          number = number(parser);
        }
        return new Scalar(
            token, token == JsonToken.VALUE_NULL ? "" : parser.getString(), number, mark);
      }
      default ->
          throw new SyntaxError(
              "unexpected YAML content (" + token + ")",
              mark,
              "write plain strings, numbers, booleans, lists and mappings, without YAML tags such as !!binary");
    }
  }

  /**
   * The value of a number token. YAML's {@code .inf} and {@code .nan} spellings are the double
   * values they name, as Jackson makes {@code 1e999}, so that any infinite number reads back as the
   * same value after {@link YamlRender} writes it as {@code .inf}.
   */
  private static Object number(JsonParser parser) {
    String text = parser.getString();
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
      if (unsigned.equals(".inf") || unsigned.equals(".Inf") || unsigned.equals(".INF")) {
        return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (text.equals(".nan") || text.equals(".NaN") || text.equals(".NAN")) {
        return Double.NaN;
      }
    }
    try {
      return parser.getNumberValue();
    } catch (JacksonException | NumberFormatException e) {
      return null; // too long or out of range for Java's types; kept as text
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
      case Scalar s ->
          switch (s.token()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> s.number() == null ? s.text() : s.number();
            default -> s.text();
          };
    };
  }
}
