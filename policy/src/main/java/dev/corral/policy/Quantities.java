package dev.corral.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and printing of the sizes, durations and CPU amounts policy files use. */
final class Quantities {
  private Quantities() {}

  private static final Pattern SIZE = Pattern.compile("([0-9]+)(Ki|Mi|Gi|Ti|k|K|M|G|T|B)?");
  private static final Map<String, Long> SIZE_UNITS =
      Map.of(
          "Ki",
          1L << 10,
          "Mi",
          1L << 20,
          "Gi",
          1L << 30,
          "Ti",
          1L << 40,
          "k",
          1000L,
          "K",
          1000L,
          "M",
          1000_000L,
          "G",
          1000_000_000L,
          "T",
          1000_000_000_000L,
          "B",
          1L);
  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");
  private static final Pattern CPU = Pattern.compile("([0-9]+)m|([0-9]+(\\.[0-9]{1,3})?)");

  /**
   * {@code 512Mi}, {@code 1Gi}, {@code 64Ki}, {@code 10M}, {@code 1048576} (bytes).
   *
   * @throws IllegalArgumentException with a message fit for a user
   */
  static long parseBytes(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a size; write bytes or a number with Ki, Mi, Gi (1024-based) or k, M, G (1000-based)");
    }
    long unit = m.group(2) == null ? 1 : SIZE_UNITS.get(m.group(2));
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
  }

  /** Exact binary form when possible ({@code 256Mi}), else plain bytes. */
  static String formatBytes(long bytes) {
    String[] units = {"Ti", "Gi", "Mi", "Ki"};
    long[] sizes = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes >= sizes[i] && bytes % sizes[i] == 0) {
        return bytes / sizes[i] + units[i];
      }
    }
    return Long.toString(bytes);
  }

  /**
   * {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}.
   *
   * @throws IllegalArgumentException with a message fit for a user, also when the amount does not
   *     fit in a {@link Duration} of milliseconds
   */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write a whole number with ms, s, m or h, such as 30s");
    }
    long millisPerUnit =
        switch (m.group(2)) {
          case "ms" -> 1;
          case "s" -> 1000;
          case "m" -> 60_000;
          default -> 3_600_000;
        };
    try {
      return Duration.ofMillis(Math.multiplyExact(Long.parseLong(m.group(1)), millisPerUnit));
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
  }

  static String formatDuration(Duration duration) {
    long ms = duration.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  /**
   * Kubernetes-style CPU: {@code 500m} (millicores) or {@code 1}, {@code 2.5} (cores); in
   * millicores.
   *
   * @throws IllegalArgumentException with a message fit for a user
   */
  static long parseCpuMillis(String text) {
    Matcher m = CPU.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a CPU amount; write millicores such as 500m or cores such as 1 or 2.5");
    }
    try {
      return m.group(1) != null
          ? Long.parseLong(m.group(1))
          : new BigDecimal(m.group(2)).movePointRight(3).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
  }
}
