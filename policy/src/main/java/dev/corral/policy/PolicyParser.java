package dev.corral.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads policy files strictly: unknown keys, wrong types and invalid patterns are errors that name
 * the file, line, column and the value's path, with a hint.
 */
public final class PolicyParser {
  private PolicyParser() {}

  /**
   * Parses {@code text}. {@code source} names it in errors; relative {@code fs://} URIs resolve
   * against {@code baseDirectory}.
   */
  public static Policy parse(String text, String source, Path baseDirectory)
      throws PolicyException {
    return PolicyReader.read(text, source, baseDirectory);
  }

  /** Parses a policy file; relative {@code fs://} URIs resolve against the file's directory. */
  public static Policy parse(Path file) throws IOException, PolicyException {
    Path absolute = file.toAbsolutePath();
    return parse(
        readUtf8(absolute, absolute.toString()), absolute.toString(), absolute.getParent());
  }

  /** Largest policy file read, in bytes: a real policy is a few kilobytes. */
  static final int MAX_FILE_BYTES = 1 << 20;

  static String readUtf8(Path file, String source) throws IOException, PolicyException {
    return decode(readBytes(file, source), source);
  }

  /**
   * The bytes of a policy file, refusing what is not a regular file (a FIFO would block, a device
   * never end) and files over {@link #MAX_FILE_BYTES}; symbolic links are followed.
   *
   * @throws java.nio.file.NoSuchFileException if there is no file
   */
  static byte[] readBytes(Path file, String source) throws IOException, PolicyException {
    if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
      throw new PolicyException(
          new PolicyProblem(
              source,
              0,
              0,
              "",
              "the policy file is not a regular file",
              "replace it with a YAML file (a symbolic link to one is fine)"));
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new PolicyException(
            new PolicyProblem(
                source,
                0,
                0,
                "",
                "the policy file is larger than 1 MiB",
                "a policy is a few kilobytes of YAML: check that this is the policy file"));
      }
      return bytes;
    }
  }

  static String decode(byte[] bytes, String source) throws PolicyException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PolicyException(
          new PolicyProblem(
              source, 1, 1, "", "the policy file is not valid UTF-8", "save it as UTF-8"));
    }
  }
}
