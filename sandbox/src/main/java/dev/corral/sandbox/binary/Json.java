package dev.corral.sandbox.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value read from a custom section (RFC 8259, strict), each with the byte offset where it
 * starts so that errors can name it. Only what {@code package-docs} needs: Corral has no JSON
 * library in the runtime.
 */
sealed interface Json {
  /** The byte offset of the value in the component binary. */
  long offset();

  record Obj(long offset, Map<String, Json> members) implements Json {}

  record Arr(long offset, List<Json> elements) implements Json {}

  record Str(long offset, String value) implements Json {}

  record Num(long offset, String text) implements Json {}

  record Bool(long offset, boolean value) implements Json {}

  record Null(long offset) implements Json {}

  /** {@code an object}, {@code a string}: for messages. */
  default String kind() {
    return switch (this) {
      case Obj o -> "an object";
      case Arr a -> "an array";
      case Str s -> "a string";
      case Num n -> "a number";
      case Bool b -> "a boolean";
      case Null n -> "null";
    };
  }

  /**
   * Parses {@code bytes[start..end)} as one JSON value; {@code base} is the offset of {@code
   * bytes[0]} in the component binary.
   */
  static Json parse(byte[] bytes, int start, int end, long base) throws ComponentDecodeException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, end - start))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ComponentDecodeException(base + start, "the JSON is not valid UTF-8");
    }
    Parser p = new Parser(text, base + start);
    p.whitespace();
    Json value = p.value(0);
    p.whitespace();
    if (p.pos != text.length()) {
      throw p.error("unexpected " + p.describeNext() + " after the JSON value");
    }
    return value;
  }

  /** A recursive-descent parser over the decoded text; offsets are counted in UTF-8 bytes. */
  final class Parser {
    private static final int MAX_DEPTH = 200;
    private final String text;
    private final long base;
    private int pos;
    private long bytePos;

    private Parser(String text, long base) {
      this.text = text;
      this.base = base;
    }

    private long offset() {
      return base + bytePos;
    }

    private ComponentDecodeException error(String message) {
      return new ComponentDecodeException(offset(), "invalid JSON: " + message);
    }

    private String describeNext() {
      return pos < text.length() ? "'" + new String(Character.toChars(text.codePointAt(pos))) + "'" : "end of input";
    }

    private void advance() {
      int cp = text.codePointAt(pos);
      pos += Character.charCount(cp);
      bytePos += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private void whitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        advance();
      }
    }

    private void expect(char c) throws ComponentDecodeException {
      if (pos >= text.length() || text.charAt(pos) != c) {
        throw error("expected '" + c + "', found " + describeNext());
      }
      advance();
    }

    private Json value(int depth) throws ComponentDecodeException {
      if (depth > MAX_DEPTH) {
        throw error("values nested deeper than " + MAX_DEPTH);
      }
      long at = offset();
      if (pos >= text.length()) {
        throw error("expected a value, found end of input");
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> object(at, depth);
        case '[' -> array(at, depth);
        case '"' -> new Str(at, string());
        case 't' -> literal(at, "true", new Bool(at, true));
        case 'f' -> literal(at, "false", new Bool(at, false));
        case 'n' -> literal(at, "null", new Null(at));
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number(at);
          }
          throw error("expected a value, found " + describeNext());
        }
      };
    }

    private Json literal(long at, String word, Json value) throws ComponentDecodeException {
      if (!text.startsWith(word, pos)) {
        throw error("expected a value, found " + describeNext());
      }
      for (int i = 0; i < word.length(); i++) {
        advance();
      }
      return value;
    }

    private Json object(long at, int depth) throws ComponentDecodeException {
      expect('{');
      Map<String, Json> members = new LinkedHashMap<>();
      whitespace();
      if (pos < text.length() && text.charAt(pos) == '}') {
        advance();
        return new Obj(at, Collections.unmodifiableMap(members));
      }
      while (true) {
        whitespace();
        if (pos >= text.length() || text.charAt(pos) != '"') {
          throw error("expected a member name, found " + describeNext());
        }
        long nameAt = offset();
        String name = string();
        whitespace();
        expect(':');
        whitespace();
        Json value = value(depth + 1);
        if (members.putIfAbsent(name, value) != null) {
          throw new ComponentDecodeException(nameAt, "invalid JSON: member \"" + name + "\" given twice");
        }
        whitespace();
        if (pos < text.length() && text.charAt(pos) == ',') {
          advance();
          continue;
        }
        expect('}');
        return new Obj(at, Collections.unmodifiableMap(members));
      }
    }

    private Json array(long at, int depth) throws ComponentDecodeException {
      expect('[');
      List<Json> elements = new ArrayList<>();
      whitespace();
      if (pos < text.length() && text.charAt(pos) == ']') {
        advance();
        return new Arr(at, List.copyOf(elements));
      }
      while (true) {
        whitespace();
        elements.add(value(depth + 1));
        whitespace();
        if (pos < text.length() && text.charAt(pos) == ',') {
          advance();
          continue;
        }
        expect(']');
        return new Arr(at, List.copyOf(elements));
      }
    }

    private String string() throws ComponentDecodeException {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          advance();
          return out.toString();
        }
        if (c < 0x20) {
          throw error(String.format("control character U+%04X in a string", (int) c));
        }
        if (c != '\\') {
          out.appendCodePoint(text.codePointAt(pos));
          advance();
          continue;
        }
        advance();
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char e = text.charAt(pos);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (pos + 5 > text.length()) {
              throw error("truncated \\u escape");
            }
            int code = 0;
            for (int i = 1; i <= 4; i++) {
              int digit = Character.digit(text.charAt(pos + i), 16);
              if (digit < 0) {
                throw error("invalid \\u escape");
              }
              code = code * 16 + digit;
            }
            out.append((char) code);
            for (int i = 0; i < 4; i++) {
              advance();
            }
          }
          default -> throw error("invalid escape \\" + e);
        }
        advance();
      }
    }

    private Json number(long at) throws ComponentDecodeException {
      int start = pos;
      if (text.charAt(pos) == '-') {
        advance();
      }
      if (pos < text.length() && text.charAt(pos) == '0') {
        advance();
      } else {
        digits();
      }
      if (pos < text.length() && text.charAt(pos) == '.') {
        advance();
        digits();
      }
      if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
        advance();
        if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
          advance();
        }
        digits();
      }
      return new Num(at, text.substring(start, pos));
    }

    private void digits() throws ComponentDecodeException {
      if (pos >= text.length() || text.charAt(pos) < '0' || text.charAt(pos) > '9') {
        throw error("expected a digit, found " + describeNext());
      }
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        advance();
      }
    }
  }
}
