package dev.corral.sandbox.wast;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the trap messages of the component-model reference interpreter, as the upstream scripts
 * state them in {@code assert_trap}, to Corral's wording of the same trap: a regular expression the
 * whole Corral message must match. {@code {1}} in a Corral pattern stands for the first group of
 * the upstream message (a handle index, for example).
 */
final class TrapReasons {
  private record Reason(Pattern upstream, String corral) {}

  private static final String OUTSIDE_MEMORY =
      " at \\d+ of \\d+ bytes is outside linear memory \\(\\d+ bytes\\)";
  private static final String UNALIGNED = " pointer \\d+ is not \\d+-byte aligned";

  private static final List<Reason> REASONS =
      List.of(
          reason("unknown handle index (\\d+)", "unknown resource handle index {1}"),
          reason(
              "handle index (\\d+) used with the wrong type, expected guest-defined resource but found a"
                  + " different guest-defined resource",
              "handle {1} refers to resource type \\d+ of '[^']+', but resource type \\d+ of '[^']+' was expected"),
          reason(
              "cannot remove owned resource while borrowed",
              "cannot transfer handle \\d+ while it is lent out"),
          reason(
              "cannot leave component instance",
              "component instance '[^']+' called .+ while it may not leave \\(during realloc or post-return\\)"),
          reason("string content out-of-bounds", "string" + OUTSIDE_MEMORY),
          reason("string pointer/length out of bounds of memory", "string" + OUTSIDE_MEMORY),
          reason("invalid utf-8", "string at \\d+ is not valid UTF-8"),
          reason("incomplete utf-8 byte sequence", "string at \\d+ is not valid UTF-8"),
          reason(
              "invalid `char` bit pattern",
              "0x[0-9A-F]+ is not a valid char \\(Unicode scalar value\\)"),
          reason(
              "invalid variant discriminant",
              "variant discriminant \\d+ is out of range for \\d+ cases"),
          reason(
              "unaligned pointer",
              "(string|realloc result|return area|spilled values|list)" + UNALIGNED),
          reason("realloc return: result not aligned", "realloc result" + UNALIGNED),
          reason("realloc return: beyond end of memory", "realloc result" + OUTSIDE_MEMORY),
          // the reference interpreter checks the list's bounds after realloc; Corral checks the
          // realloc result itself, which is the same pointer and length
          reason("wasm trap: list content out-of-bounds", "realloc result" + OUTSIDE_MEMORY),
          reason("wasm trap: unaligned pointer", "realloc result" + UNALIGNED));

  private TrapReasons() {}

  private static Reason reason(String upstream, String corral) {
    return new Reason(Pattern.compile(upstream), corral);
  }

  /** The pattern Corral's message must match for this upstream message, if the table has one. */
  static Optional<Pattern> corralPattern(String upstreamMessage) {
    for (Reason r : REASONS) {
      Matcher m = r.upstream().matcher(upstreamMessage);
      if (m.matches()) {
        String corral = r.corral();
        for (int g = 1; g <= m.groupCount(); g++) {
          corral = corral.replace("{" + g + "}", Pattern.quote(m.group(g)));
        }
        return Optional.of(Pattern.compile(corral));
      }
    }
    return Optional.empty();
  }
}
