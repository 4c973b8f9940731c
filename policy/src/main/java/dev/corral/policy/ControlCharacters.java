package dev.corral.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Characters that can change how a value looks where it is shown (an approval question, a policy
 * file, a log line): C0 and C1 controls (line breaks, tabs, escape), the Unicode line and paragraph
 * separators and the bidirectional formatting characters. Values an agent or a component's
 * publisher chooses (grant URIs, hosts, variable and secret names, component ids, paths) may
 * contain none of them.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  /** The first such character in {@code value}, as {@code U+XXXX}; empty if there is none. */
  public static Optional<String> first(String value) {
    return value.codePoints().filter(ControlCharacters::isControl).findFirst().stream()
        .mapToObj(c -> String.format(Locale.ROOT, "U+%04X", c))
        .findFirst();
  }

  private static boolean isControl(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || c == 0x061C
        || c == 0x200E
        || c == 0x200F
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
