package dev.corral.policy;

import java.util.Objects;

/**
 * One thing wrong with a policy file: where ({@code source}, 1-based {@code line} and {@code
 * column} (0 when the problem is not at a place in a text: an edit's argument, or a file that could
 * not be read, such as one over 1 MiB), and the {@code path} of the offending value such as {@code
 * permissions.storage.allow[0].uri}), what ({@code message}), and how to fix it ({@code hint}, may
 * be empty).
 */
public record PolicyProblem(
    String source, int line, int column, String path, String message, String hint) {
  public PolicyProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  /** {@code source:line:column: message (at path)}, then the hint on its own line if any. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append(source);
    if (line > 0) {
      text.append(':').append(line).append(':').append(column);
    }
    text.append(": ");
    text.append(message);
    if (!path.isEmpty()) {
      text.append(" (at ").append(path).append(')');
    }
    if (!hint.isEmpty()) {
      text.append("\n  hint: ").append(hint);
    }
    return text.toString();
  }
}
