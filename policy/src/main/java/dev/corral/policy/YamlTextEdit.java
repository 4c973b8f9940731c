package dev.corral.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Edits YAML text in place, one change at a time, touching only the lines of the value being
 * changed, so comments and layout elsewhere survive. Uses the exact node spans of snakeyaml-engine
 * (the YAML engine under Jackson). Each method returns the new text; it throws {@link Unsupported}
 * for layouts it does not handle, and callers fall back to rewriting the file.
 *
 * <p>A path is a list of mapping keys (strings) and sequence indexes (integers) from the root.
 */
final class YamlTextEdit {
  /** The text's layout is not one this editor changes in place. */
  static final class Unsupported extends Exception {
    Unsupported(String message) {
      super(message);
    }
  }

  private final String text;
  private final Node root;

  /** The file's line break: inserted lines use it too. */
  private final String nl;

  private YamlTextEdit(String text) throws Unsupported {
    this.text = text;
    this.nl = text.contains("\r\n") ? "\r\n" : "\n";
    Optional<Node> node;
    try {
      node = new Compose(LoadSettings.builder().build()).composeString(text);
    } catch (RuntimeException e) {
      throw new Unsupported("cannot compose: " + e.getMessage());
    }
    if (node.isEmpty() || !(node.get() instanceof MappingNode)) {
      throw new Unsupported("document root is not a mapping");
    }
    this.root = node.get();
  }

  static YamlTextEdit of(String text) throws Unsupported {
    return new YamlTextEdit(text);
  }

  // ---- operations ---------------------------------------------------------------------------

  /**
   * Appends {@code item} to the sequence at {@code path}, creating missing mappings and the
   * sequence.
   */
  String append(List<Object> path, Object item) throws Unsupported {
    Located target = find(path);
    if (target.missingFrom >= 0) {
      return create(target, List.of(item));
    }
    Node node = target.node;
    if (isNullScalar(node)) {
      return replaceNull(node, target.nodeKey, List.of(item));
    }
    if (!(node instanceof SequenceNode seq)) {
      throw new Unsupported("not a sequence at " + path);
    }
    if (seq.getFlowStyle() == FlowStyle.FLOW) {
      int end = end(seq);
      int close = end - 1;
      if (text.charAt(close) != ']') {
        throw new Unsupported("flow sequence does not end in ]");
      }
      String rendered = YamlRender.inline(item);
      if (seq.getValue().isEmpty()
          && target.nodeKey != null
          && !insideFlow(target.nodeKey)
          && !YamlRender.isInline(item)) {
        // "key: []" in block context: the list becomes a block list under the key.
        int from = start(seq);
        while (from > 0 && text.charAt(from - 1) == ' ') {
          from--;
        }
        int column = column(start(target.nodeKey)) + 2;
        return splice(from, end, nl + String.join(nl, YamlRender.item(item, column)));
      }
      return seq.getValue().isEmpty()
          ? splice(start(seq), end, "[" + rendered + "]")
          : splice(close, close, ", " + rendered);
    }
    int dash = start(seq);
    if (text.charAt(dash) != '-') {
      throw new Unsupported("block sequence does not start with a dash");
    }
    int column = column(dash);
    int at = lineEnd(contentEnd(seq));
    return splice(at, at, nl + String.join(nl, YamlRender.item(item, column)));
  }

  /**
   * Sets mapping key {@code path} (last element a string) to {@code value}, creating or replacing.
   */
  String set(List<Object> path, Object value) throws Unsupported {
    Located target = find(path);
    if (target.missingFrom >= 0) {
      return create(target, value);
    }
    Node node = target.node;
    if (isNullScalar(node)) {
      return replaceNull(node, target.nodeKey, value);
    }
    if (node instanceof ScalarNode
        || (node instanceof CollectionNode<?> c && c.getFlowStyle() == FlowStyle.FLOW)) {
      return splice(start(node), end(node), YamlRender.inline(value));
    }
    // A block collection: rewrite its lines at the same column.
    int first = lineStart(start(node));
    int last = lineEnd(contentEnd(node));
    if (!text.substring(first, start(node)).isBlank()) {
      throw new Unsupported("block value does not start its own line");
    }
    int column = column(start(node));
    List<String> lines = new ArrayList<>();
    if (value instanceof List<?> list && node instanceof SequenceNode) {
      for (Object item : list) {
        lines.addAll(YamlRender.item(item, column));
      }
    } else if (value instanceof Map<?, ?> map && !map.isEmpty() && node instanceof MappingNode) {
      map.forEach((k, v) -> lines.addAll(YamlRender.entry((String) k, v, column)));
    } else {
      throw new Unsupported("changing the kind of a block value");
    }
    if (lines.isEmpty()) {
      throw new Unsupported("empty block value");
    }
    return splice(first, last, String.join(nl, lines));
  }

  /** Removes the mapping key or sequence item at {@code path}; a missing key is no change. */
  String remove(List<Object> path) throws Unsupported {
    Located target = find(path);
    if (target.missingFrom >= 0) {
      return text;
    }
    Node parent = target.parent;
    Object last = path.get(path.size() - 1);
    if (parent instanceof SequenceNode seq) {
      return removeItem(seq, (Integer) last, target.parentKey);
    }
    MappingNode map = (MappingNode) parent;
    List<NodeTuple> tuples = map.getValue();
    int index = indexOfKey(map, (String) last);
    NodeTuple tuple = tuples.get(index);
    if (map.getFlowStyle() == FlowStyle.FLOW) {
      return removeFlowElement(
          map,
          start(tuple.getKeyNode()),
          end(tuple.getValueNode()),
          index,
          tuples.size(),
          i -> start(tuples.get(i).getKeyNode()),
          i -> tupleEnd(tuples.get(i)));
    }
    int from = lineStart(start(tuple.getKeyNode()));
    if (!text.substring(from, start(tuple.getKeyNode())).isBlank()) {
      throw new Unsupported("key does not start its own line");
    }
    if (tuples.size() == 1) {
      if (target.parentKey == null) {
        throw new Unsupported("removing the only key of the document");
      }
      // The mapping would be left empty: write {} after its key instead.
      String removed = splice(lineEnd(end(target.parentKey)), lineEnd(tupleEnd(tuple)), "");
      return insertAfterKey(removed, target.parentKey, " {}");
    }
    int to = lineEnd(tupleEnd(tuple));
    return splice(from, afterBreak(to), "");
  }

  // ---- helpers for operations ---------------------------------------------------------------

  private String insertAfterKey(String edited, Node key, String suffix) {
    int colon = end(key);
    while (colon < edited.length() && edited.charAt(colon) == ' ') {
      colon++;
    }
    if (colon >= edited.length() || edited.charAt(colon) != ':') {
      return edited;
    }
    return edited.substring(0, colon + 1) + suffix + edited.substring(colon + 1);
  }

  private String removeItem(SequenceNode seq, int index, Node parentKey) throws Unsupported {
    List<Node> items = seq.getValue();
    Node item = items.get(index);
    if (seq.getFlowStyle() == FlowStyle.FLOW) {
      return removeFlowElement(
          seq,
          start(item),
          end(item),
          index,
          items.size(),
          i -> start(items.get(i)),
          i -> contentEnd(items.get(i)));
    }
    int from = lineStart(start(item));
    String before = text.substring(from, start(item)).strip();
    if (!before.equals("-")) {
      throw new Unsupported("sequence item does not start its own line");
    }
    int to = lineEnd(contentEnd(item));
    if (items.size() == 1) {
      if (parentKey == null) {
        throw new Unsupported("sequence without a key");
      }
      String removed = splice(lineEnd(end(parentKey)), to, "");
      return insertAfterKey(removed, parentKey, " []");
    }
    return splice(from, afterBreak(to), "");
  }

  private String removeFlowElement(
      CollectionNode<?> node,
      int start,
      int end,
      int index,
      int size,
      java.util.function.IntUnaryOperator startOf,
      java.util.function.IntUnaryOperator endOf) {
    if (size == 1) {
      return splice(start(node), end(node), node instanceof SequenceNode ? "[]" : "{}");
    }
    if (index < size - 1) {
      return splice(start, startOf.applyAsInt(index + 1), "");
    }
    return splice(endOf.applyAsInt(index - 1), end, "");
  }

  /** Inserts the missing part of a path, holding {@code value} at its end. */
  private String create(Located target, Object value) throws Unsupported {
    Object nested = value;
    for (int i = target.path.size() - 1; i > target.missingFrom; i--) {
      Map<String, Object> wrap = new LinkedHashMap<>();
      wrap.put(key(target.path.get(i)), nested);
      nested = wrap;
    }
    String key = key(target.path.get(target.missingFrom));
    Node parent = target.parent;
    if (isNullScalar(parent)) {
      Map<String, Object> wrap = new LinkedHashMap<>();
      wrap.put(key, nested);
      return replaceNull(parent, target.parentKey, wrap);
    }
    if (!(parent instanceof MappingNode map)) {
      throw new Unsupported("parent is not a mapping");
    }
    if (map.getFlowStyle() == FlowStyle.FLOW) {
      int end = end(map);
      int close = end - 1;
      if (text.charAt(close) != '}') {
        throw new Unsupported("flow mapping does not end in }");
      }
      if (map.getValue().isEmpty()) {
        if (target.parentKey != null && !insideFlow(target.parentKey)) {
          int column = column(start(target.parentKey)) + 2;
          int from = start(map);
          while (from > 0 && text.charAt(from - 1) == ' ') {
            from--;
          }
          return splice(from, end, nl + String.join(nl, YamlRender.entry(key, nested, column)));
        }
        return splice(start(map), end, "{" + key + ": " + YamlRender.inline(nested) + "}");
      }
      return splice(close, close, ", " + key + ": " + YamlRender.inline(nested));
    }
    int column = column(start(map.getValue().get(0).getKeyNode()));
    int at = lineEnd(contentEnd(map));
    return splice(at, at, nl + String.join(nl, YamlRender.entry(key, nested, column)));
  }

  /** Replaces an empty value ({@code key:} with nothing, {@code null} or {@code ~}). */
  private String replaceNull(Node nullNode, Node key, Object value) throws Unsupported {
    if (key == null) {
      throw new Unsupported("null without a key");
    }
    if (end(nullNode) > start(nullNode)) {
      String inline = YamlRender.inline(value);
      return splice(start(nullNode), end(nullNode), inline);
    }
    if (insideFlow(key)) {
      throw new Unsupported("empty value inside a flow collection");
    }
    int column = column(start(key)) + 2;
    int at = lineEnd(end(key));
    List<String> lines = new ArrayList<>();
    if (YamlRender.isInline(value)) {
      return insertAfterKey(text, key, " " + YamlRender.inline(value));
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> lines.addAll(YamlRender.entry((String) k, v, column)));
    } else {
      for (Object item : (List<?>) value) {
        lines.addAll(YamlRender.item(item, column));
      }
    }
    return splice(at, at, nl + String.join(nl, lines));
  }

  // ---- navigation ---------------------------------------------------------------------------

  /**
   * Where a path leads: {@code node} (null if missing) and the key node it is the value of, its
   * {@code parent} and the key node the parent is the value of, and the index into the path of the
   * first missing step (-1 if none).
   */
  private record Located(
      List<Object> path, Node node, Node nodeKey, Node parent, Node parentKey, int missingFrom) {}

  private Located find(List<Object> path) throws Unsupported {
    Node current = root;
    Node parent = null;
    Node keyOfCurrent = null;
    Node keyOfParent = null;
    for (int i = 0; i < path.size(); i++) {
      Object step = path.get(i);
      if (step instanceof String key) {
        if (isNullScalar(current)) {
          return new Located(path, null, null, current, keyOfCurrent, i);
        }
        if (!(current instanceof MappingNode map)) {
          throw new Unsupported("expected a mapping at " + path.subList(0, i));
        }
        int index = indexOfKey(map, key);
        if (index < 0) {
          return new Located(path, null, null, map, keyOfCurrent, i);
        }
        parent = map;
        keyOfParent = keyOfCurrent;
        keyOfCurrent = map.getValue().get(index).getKeyNode();
        current = map.getValue().get(index).getValueNode();
      } else {
        int index = (Integer) step;
        if (!(current instanceof SequenceNode seq) || index >= seq.getValue().size()) {
          throw new Unsupported("no item " + index + " at " + path.subList(0, i));
        }
        parent = seq;
        keyOfParent = keyOfCurrent;
        current = seq.getValue().get(index);
        keyOfCurrent = null;
      }
    }
    return new Located(path, current, keyOfCurrent, parent, keyOfParent, -1);
  }

  private static int indexOfKey(MappingNode map, String key) {
    List<NodeTuple> tuples = map.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      if (tuples.get(i).getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static String key(Object step) throws Unsupported {
    if (step instanceof String s) {
      return s;
    }
    throw new Unsupported("cannot create a sequence item by index");
  }

  private static boolean isNullScalar(Node node) {
    return node instanceof ScalarNode s && s.getTag().getValue().equals("tag:yaml.org,2002:null");
  }

  /**
   * True if {@code node} sits inside a flow collection (so block text cannot be inserted after it).
   */
  private boolean insideFlow(Node node) {
    int depth = 0;
    int at = start(node);
    for (int i = lineStart(at); i < at; i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      }
    }
    return depth > 0;
  }

  // ---- positions ----------------------------------------------------------------------------

  private int start(Node node) {
    return toChar(node.getStartMark().orElseThrow().getIndex());
  }

  private int end(Node node) {
    return toChar(node.getEndMark().orElseThrow().getIndex());
  }

  private int toChar(int codePointIndex) {
    return text.offsetByCodePoints(0, codePointIndex);
  }

  private int column(int offset) {
    return text.codePointCount(lineStart(offset), offset);
  }

  /**
   * Where a node's own text ends: block collections end at their last leaf, not at the next token.
   */
  private int contentEnd(Node node) {
    if (node instanceof MappingNode map
        && map.getFlowStyle() != FlowStyle.FLOW
        && !map.getValue().isEmpty()) {
      return tupleEnd(map.getValue().get(map.getValue().size() - 1));
    }
    if (node instanceof SequenceNode seq
        && seq.getFlowStyle() != FlowStyle.FLOW
        && !seq.getValue().isEmpty()) {
      return contentEnd(seq.getValue().get(seq.getValue().size() - 1));
    }
    return end(node);
  }

  private int tupleEnd(NodeTuple tuple) {
    Node value = tuple.getValueNode();
    if (value instanceof ScalarNode && end(value) <= start(value)) {
      return end(tuple.getKeyNode());
    }
    return Math.max(end(tuple.getKeyNode()), contentEnd(value));
  }

  private int lineStart(int offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
  }

  /**
   * The end of the line {@code offset} is on (before its line break); an offset at a line's start
   * belongs to the line before.
   */
  private int lineEnd(int offset) {
    int end;
    if (offset > 0 && offset <= text.length() && text.charAt(offset - 1) == '\n') {
      end = offset - 1;
    } else {
      int newline = text.indexOf('\n', offset);
      end = newline < 0 ? text.length() : newline;
    }
    return end > 0 && end < text.length() && text.charAt(end - 1) == '\r' && nl.length() == 2
        ? end - 1
        : end;
  }

  /** The offset just past the line break at {@code at} (or {@code at} at the end of the text). */
  private int afterBreak(int at) {
    if (text.startsWith("\r\n", at)) {
      return at + 2;
    }
    return at < text.length() && text.charAt(at) == '\n' ? at + 1 : at;
  }

  private String splice(int from, int to, String replacement) {
    return text.substring(0, from) + replacement + text.substring(to);
  }
}
