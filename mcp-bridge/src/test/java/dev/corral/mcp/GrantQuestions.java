package dev.corral.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The exact approval question the server asks when an agent grants a component served from a file
 * network access: the component, its source and digest (computed here by the JDK), the change and
 * the network rules and default limits that would be in force.
 */
final class GrantQuestions {
  private GrantQuestions() {}

  /**
   * The question for granting {@code host} to the component {@code id} served from {@code file},
   * which already has network access to {@code granted} (in grant order).
   */
  static String network(Path file, String id, String host, List<String> granted) throws Exception {
    String digest =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    StringBuilder question =
        new StringBuilder("Corral: an agent asks to change the permissions of the component \"")
            .append(id)
            .append("\".\n  component: \"")
            .append(id)
            .append("\"\n  source: \"")
            .append(file.toUri())
            .append("\"\n  digest: sha256:")
            .append(digest)
            .append("\n  change: grant network access to \"")
            .append(host)
            .append("\"\nIn force if you approve:\n");
    for (String before : granted) {
      question.append("  - network \"").append(before).append("\"\n");
    }
    return question
        .append("  - network \"")
        .append(host)
        .append("\"\n  - limits: timeout 30s, memory 256Mi, output 1Mi (the defaults)\nApprove?")
        .toString();
  }
}
