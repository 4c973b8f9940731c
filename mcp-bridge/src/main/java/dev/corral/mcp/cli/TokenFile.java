package dev.corral.mcp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bearer token {@code serve --http} generates when none is given, kept in a file (mode 0600) so
 * that clients configured with it keep working after a restart. The file is written under a
 * temporary name and linked into place, so it is never seen half-written, and of two servers
 * starting at once both end up with the same token.
 */
final class TokenFile {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{16,512}");

  /**
   * What every bearer token must be, whether given (--token, $CORRAL_TOKEN) or kept in the file.
   */
  static final String RULE = "16 to 512 letters, digits or -._~+/=";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;

  TokenFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /**
   * Checks a token given by the user ({@code origin}: {@code --token} or {@code $CORRAL_TOKEN})
   * against {@link #RULE}, the rule the file's token follows too; the refusal never shows the
   * token.
   */
  static String requireValid(String token, String origin) throws CliException {
    if (!TOKEN.matcher(token).matches()) {
      String found =
          token.length() < 16 || token.length() > 512
              ? "it has " + token.length() + " character" + (token.length() == 1 ? "" : "s")
              : "it has a character outside that set";
      throw new CliException(
          origin + " is not a usable bearer token: a token must be " + RULE + " (" + found + ")");
    }
    return token;
  }

  /** The token and whether it was generated now (rather than read from the file). */
  record Token(String value, boolean generated) {}

  /** The token in the file; a new one, written to the file, if there is no file yet. */
  Token readOrCreate() throws CliException {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        if (create()) {
          return new Token(read(), true);
        }
      }
      return new Token(read(), false);
    } catch (IOException e) {
      throw new CliException("cannot keep the bearer token in " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a new token unless another process did first; false if it did. */
  private boolean create() throws IOException {
    Path temporary =
        Files.createTempFile(
            file.getParent(),
            ".token",
            ".partial",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      Files.writeString(temporary, generate() + "\n", StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | IOException e) {
        // a file system without hard links: rename (the last of two servers starting at once wins)
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      }
      return true;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private String read() throws IOException, CliException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new CliException(
          "the bearer token file "
              + file
              + " may be read by others (mode "
              + PosixFilePermissions.toString(permissions)
              + "): run chmod 600 on it, or delete it for a new token");
    }
    String token = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
    if (!TOKEN.matcher(token).matches()) {
      throw new CliException(
          "the bearer token file "
              + file
              + " does not hold a token ("
              + RULE
              + "); delete it for a new one");
    }
    return token;
  }

  private static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
