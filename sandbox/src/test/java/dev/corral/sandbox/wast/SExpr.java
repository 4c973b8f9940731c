package dev.corral.sandbox.wast;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal s-expression reader for .wast scripts: lists, atoms and strings; comments skipped. */
sealed interface SExpr {
  record Atom(String text) implements SExpr {}

  /** A quoted string, escapes decoded (as UTF-8 text). */
  record Str(String value) implements SExpr {}

  record Lst(List<SExpr> items) implements SExpr {
    String head() {
      return !items.isEmpty() && items.get(0) instanceof Atom a ? a.text() : "";
    }
  }

  static List<SExpr> parseAll(String text) {
    Reader r = new Reader(text);
    List<SExpr> forms = new ArrayList<>();
    r.skip();
    while (r.pos < text.length()) {
      forms.add(r.read());
      r.skip();
    }
    return forms;
  }

  final class Reader {
    private final String s;
    int pos;

    Reader(String s) {
      this.s = s;
    }

    void skip() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (Character.isWhitespace(c)) {
          pos++;
        } else if (s.startsWith(";;", pos)) {
          while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
          }
        } else if (s.startsWith("(;", pos)) {
          int depth = 0;
          do {
            if (s.startsWith("(;", pos)) {
              depth++;
              pos += 2;
            } else if (s.startsWith(";)", pos)) {
              depth--;
              pos += 2;
            } else {
              pos++;
            }
          } while (depth > 0 && pos < s.length());
        } else {
          return;
        }
      }
    }

    SExpr read() {
      skip();
      char c = s.charAt(pos);
      if (c == '(') {
        pos++;
        List<SExpr> items = new ArrayList<>();
        skip();
        while (s.charAt(pos) != ')') {
          items.add(read());
          skip();
        }
        pos++;
        return new Lst(items);
      }
      if (c == '"') {
        pos++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (s.charAt(pos) != '"') {
          int cp = s.codePointAt(pos);
          if (cp != '\\') {
            bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
            pos += Character.charCount(cp);
            continue;
          }
          pos++;
          char e = s.charAt(pos++);
          switch (e) {
            case 'n' -> bytes.write('\n');
            case 't' -> bytes.write('\t');
            case 'r' -> bytes.write('\r');
            case '\\' -> bytes.write('\\');
            case '"' -> bytes.write('"');
            case '\'' -> bytes.write('\'');
            case 'u' -> {
              int close = s.indexOf('}', pos);
              int unicode = Integer.parseInt(s.substring(pos + 1, close).replace("_", ""), 16);
              bytes.writeBytes(Character.toString(unicode).getBytes(StandardCharsets.UTF_8));
              pos = close + 1;
            }
            default -> {
              bytes.write(Integer.parseInt("" + e + s.charAt(pos), 16));
              pos++;
            }
          }
        }
        pos++;
        return new Str(bytes.toString(StandardCharsets.UTF_8));
      }
      int start = pos;
      while (pos < s.length()
          && !Character.isWhitespace(s.charAt(pos))
          && s.charAt(pos) != '('
          && s.charAt(pos) != ')') {
        pos++;
      }
      return new Atom(s.substring(start, pos));
    }
  }
}
