package dev.corral.policy;

import dev.corral.policy.YamlTree.Entry;
import dev.corral.policy.YamlTree.MapNode;
import dev.corral.policy.YamlTree.Mark;
import dev.corral.policy.YamlTree.Node;
import dev.corral.policy.YamlTree.Scalar;
import dev.corral.policy.YamlTree.Seq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JsonToken;

/**
 * Checks on a {@link YamlTree} shared by the policy readers: expected shapes and types, allowed
 * keys with "did you mean" hints; every failed check records a located {@link PolicyProblem}.
 */
final class TreeChecks {
  /** A node and its path in the file, such as {@code permissions.storage.allow[0]}. */
  record At(Node node, String path) {}

  private final String source;
  private final List<PolicyProblem> problems = new ArrayList<>();

  TreeChecks(String source) {
    this.source = source;
  }

  List<PolicyProblem> problems() {
    return problems;
  }

  Optional<Long> quantity(Node node, String path, Function<String, Long> parse, String example) {
    if (node instanceof Scalar s
        && (s.token() == JsonToken.VALUE_STRING
            || s.token() == JsonToken.VALUE_NUMBER_INT
            || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
      try {
        return Optional.of(parse.apply(s.text()));
      } catch (IllegalArgumentException e) {
        problem(
            s.mark(),
            path,
            e.getMessage() == null ? "invalid value" : e.getMessage(),
            "such as " + example);
        return Optional.empty();
      }
    }
    wrongType(node, path, "a value such as " + example);
    return Optional.empty();
  }

  /**
   * A finite number written as a YAML integer or float; {@code .inf}, {@code .nan} and numbers too
   * large for a double are problems.
   */
  Optional<Double> number(Node node, String path, String example) {
    if (node instanceof Scalar s
        && (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
      double value;
      try {
        value = Double.parseDouble(s.text());
      } catch (NumberFormatException e) {
        value = Double.NaN; // YAML's .inf, .nan and their spellings
      }
      if (Double.isFinite(value)) {
        return Optional.of(value);
      }
      problem(
          s.mark(),
          path,
          "'" + s.text() + "' is not a finite number",
          "write a number such as " + example);
      return Optional.empty();
    }
    wrongType(node, path, "a number such as " + example);
    return Optional.empty();
  }

  Optional<Long> wholeNumber(Node node, String path, String what) {
    if (node instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
      try {
        long value = Long.parseLong(s.text());
        if (value >= 0 && value < (1L << 40)) {
          return Optional.of(value);
        }
      } catch (NumberFormatException e) {
        // fall through
      }
      problem(s.mark(), path, "'" + s.text() + "' is out of range", what);
      return Optional.empty();
    }
    wrongType(node, path, what);
    return Optional.empty();
  }

  /**
   * A list under {@code key}; missing or null means empty. Items that fail are left out (their
   * problems are recorded).
   */
  <T> List<T> list(MapNode parent, String key, String path, Function<At, T> item) {
    Entry entry = parent.entries().get(key);
    if (entry == null || (entry.value() instanceof Scalar s && s.isNull())) {
      return List.of();
    }
    if (!(entry.value() instanceof Seq seq)) {
      wrongType(entry.value(), path, "a list (each entry starts with '- ')");
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      T value = item.apply(new At(seq.items().get(i), path + "[" + i + "]"));
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  /** A mapping under {@code key}; missing or null gives null without a problem. */
  MapNode section(MapNode parent, String key, String path) {
    Entry entry = parent.entries().get(key);
    if (entry == null || (entry.value() instanceof Scalar s && s.isNull())) {
      return null;
    }
    return map(entry.value(), path, "a mapping (key: value lines)");
  }

  MapNode map(Node node, String path, String what) {
    if (node instanceof MapNode map) {
      return map;
    }
    wrongType(node, path, what);
    return null;
  }

  Optional<String> optionalString(MapNode parent, String key, String path) {
    Entry entry = parent.entries().get(key);
    if (entry == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(string(entry.value(), path, "a string"));
  }

  String requiredString(MapNode parent, String key, String path, String example) {
    Entry entry = parent.entries().get(key);
    if (entry == null) {
      problem(parent.mark(), path, "missing required key '" + key + "'", "add: " + example);
      return null;
    }
    return string(entry.value(), path, "a string, such as " + example);
  }

  /**
   * The string at {@code node}. Only the free-text {@code description} may hold control characters
   * ({@link ControlCharacters}); any other value holding one is a problem.
   */
  String string(Node node, String path, String what) {
    if (node instanceof Scalar s && s.token() == JsonToken.VALUE_STRING) {
      Optional<String> control =
          path.equals("description") ? Optional.empty() : ControlCharacters.first(s.text());
      if (control.isPresent()) {
        problem(
            node.mark(),
            path,
            "the value contains the control character " + control.get(),
            "policy values (URIs, hosts, names) cannot hold line breaks, tabs or other control characters");
        return null;
      }
      return s.text();
    }
    wrongType(node, path, what);
    return null;
  }

  void wrongType(Node node, String path, String expected) {
    String found =
        switch (node) {
          case MapNode m -> "a mapping";
          case Seq s -> "a list";
          case Scalar s -> s.typeName() + (s.isNull() ? "" : " (" + s.text() + ")");
        };
    String hint =
        node instanceof Scalar s
                && !s.isNull()
                && s.token() != JsonToken.VALUE_STRING
                && expected.contains("string")
            ? "quote it: \"" + s.text() + "\""
            : "expected " + expected;
    problem(node.mark(), path, "expected " + expected + ", found " + found, hint);
  }

  void checkKeys(MapNode map, String path, Set<String> allowed, Map<String, String> hints) {
    for (Entry entry : map.entries().values()) {
      if (allowed.contains(entry.key())) {
        continue;
      }
      String hint = hints.get(entry.key());
      if (hint == null) {
        String closest = closest(entry.key(), allowed);
        List<String> sorted = allowed.stream().sorted().toList();
        hint =
            (closest == null ? "" : "did you mean '" + closest + "'? ")
                + "allowed here: "
                + String.join(", ", sorted);
      }
      problem(
          entry.keyMark(),
          path.isEmpty() ? entry.key() : path + "." + entry.key(),
          "unknown key '" + entry.key() + "'",
          hint);
    }
  }

  private static String closest(String key, Set<String> allowed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed) {
      int d = distance(key.toLowerCase(java.util.Locale.ROOT), candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(1, key.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  void problem(Mark mark, String path, String message, String hint) {
    problems.add(new PolicyProblem(source, mark.line(), mark.column(), path, message, hint));
  }
}
