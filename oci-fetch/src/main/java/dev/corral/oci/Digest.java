package dev.corral.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An OCI content digest ({@code sha256:<64 hex>} or {@code sha512:<128 hex>}).
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex lower-case hex encoding of the hash
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

  public Digest {
    boolean ok =
        switch (algorithm) {
          case "sha256" -> SHA256.matcher(hex).matches();
          case "sha512" -> SHA512.matcher(hex).matches();
          default -> false;
        };
    if (!ok) {
      throw new IllegalArgumentException("not a valid digest: " + algorithm + ":" + hex);
    }
  }

  /** Parses {@code sha256:<hex>}; throws {@link OciException} naming the bad text. */
  public static Digest parse(String text) throws OciException {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new OciException("not a digest (expected sha256:<64 hex digits>): '" + text + "'");
    }
    try {
      return new Digest(text.substring(0, colon), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new OciException(
          "not a valid digest (expected sha256:<64 hex digits>): '" + text + "'");
    }
  }

  /** The SHA-256 digest of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(bytes)));
  }

  /** The SHA-256 digest of a file's content. */
  public static Digest sha256(Path file) throws IOException {
    MessageDigest md = newSha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
    }
    return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
  }

  /** True if the file's content hashes to this digest (with this digest's algorithm). */
  public boolean matches(Path file) throws IOException {
    MessageDigest md = newHasher();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
    }
    return matches(md);
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True if {@code bytes} hash to this digest. */
  public boolean matches(byte[] bytes) {
    return MessageDigest.isEqual(newHasher().digest(bytes), HexFormat.of().parseHex(hex));
  }

  /** True if the finished {@code hasher} holds this digest. */
  boolean matches(MessageDigest hasher) {
    return MessageDigest.isEqual(hasher.digest(), HexFormat.of().parseHex(hex));
  }

  /** The tag cosign and the referrers fallback derive from a digest: {@code sha256-<hex>}. */
  public String tagForm() {
    return algorithm + "-" + hex;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
