package dev.corral.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the compute sample's {@code sha256} tool must answer, computed by the JDK. */
final class ComputeSample {
  /** The tool's name in the server. */
  static final String SHA256_TOOL = "corral_compute_text_sha256";

  private ComputeSample() {}

  /** The lowercase hex SHA-256 of {@code text}'s UTF-8 bytes. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
