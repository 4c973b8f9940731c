package dev.corral.mcp.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of one question asking the user to approve what an agent asked for, saying exactly what
 * would change. Every approval question is built here, so all have one layout:
 *
 * <pre>
 * Corral: an agent asks to install the component "adder".
 *   component: "adder"
 *   source: "file:///home/u/adder.wasm"
 *   digest: sha256:…
 *   replaces: nothing (a new install)
 * In force if you approve:
 *   - network "example.com"
 *   - limits: timeout 30s, memory 256Mi, output 1Mi (the defaults)
 * Approve?
 * </pre>
 *
 * Values that an agent or a component's publisher chose are {@link #quote quoted}; nothing in the
 * text can hold a control character (any that reached it would be shown escaped), so no value can
 * break the layout or pose as Corral's own words.
 *
 * @param request what is asked, completing "an agent asks to …"
 * @param facts what it concerns, one labelled line each
 * @param inForce each grant, secret and limit that would be in force, one line each (empty: no such
 *     section)
 */
public record ApprovalQuestion(String request, List<Fact> facts, List<String> inForce) {
  /** One labelled line. */
  public record Fact(String label, String value) {}

  public ApprovalQuestion {
    facts = List.copyOf(facts);
    inForce = List.copyOf(inForce);
  }

  /** A question asking to {@code request} (Corral's words; quote any value in it). */
  public static Builder asking(String request) {
    return new Builder(request);
  }

  /** Builds a question line by line. */
  public static final class Builder {
    private final String request;
    private final List<Fact> facts = new ArrayList<>();
    private final List<String> inForce = new ArrayList<>();

    private Builder(String request) {
      this.request = request;
    }

    /** A line in Corral's words (quote any value in it that someone else chose). */
    public Builder fact(String label, String value) {
      facts.add(new Fact(label, value));
      return this;
    }

    /** A line whose value someone else chose (an agent, a publisher): shown quoted. */
    public Builder quoted(String label, String value) {
      return fact(label, quote(value));
    }

    /** The lines of what would be in force if the user approves. */
    public Builder inForce(List<String> lines) {
      inForce.addAll(lines);
      return this;
    }

    public ApprovalQuestion build() {
      return new ApprovalQuestion(request, facts, inForce);
    }
  }

  /** The question as shown to the user. */
  public String text() {
    StringBuilder text =
        new StringBuilder("Corral: an agent asks to ").append(visible(request)).append(".\n");
    facts.forEach(
        f ->
            text.append("  ")
                .append(visible(f.label()))
                .append(": ")
                .append(visible(f.value()))
                .append('\n'));
    if (!inForce.isEmpty()) {
      text.append("In force if you approve:\n");
      inForce.forEach(line -> text.append("  - ").append(visible(line)).append('\n'));
    }
    return text.append("Approve?").toString();
  }

  /**
   * {@code value} in double quotes, with {@code "} and {@code \} escaped and every control
   * character as {@code \}{@code uXXXX}.
   */
  public static String quote(String value) {
    return "\"" + visible(value.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
  }

  /**
   * {@code text} with every control character (see {@link dev.corral.policy.ControlCharacters})
   * written as {@code \}{@code uXXXX}.
   */
  private static String visible(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (dev.corral.policy.ControlCharacters.first(Character.toString(c)).isPresent()) {
                out.append(String.format(Locale.ROOT, "\\u%04X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
