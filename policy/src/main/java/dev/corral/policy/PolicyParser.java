package dev.corral.policy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads policy files strictly: unknown keys, wrong types and invalid patterns are errors that
 * name the file, line, column and the value's path, with a hint.
 */
public final class PolicyParser {
  private PolicyParser() {}

  /**
   * Parses {@code text}. {@code source} names it in errors; relative {@code fs://} URIs resolve
   * against {@code baseDirectory}.
   */
  public static Policy parse(String text, String source, Path baseDirectory) throws PolicyException {
    return PolicyReader.read(text, source, baseDirectory);
  }

  /** Parses a policy file; relative {@code fs://} URIs resolve against the file's directory. */
  public static Policy parse(Path file) throws IOException, PolicyException {
    Path absolute = file.toAbsolutePath();
    return parse(readUtf8(absolute, absolute.toString()), absolute.toString(), absolute.getParent());
  }

  static String readUtf8(Path file, String source) throws IOException, PolicyException {
    byte[] bytes = Files.readAllBytes(file);
    return decode(bytes, source);
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
          new PolicyProblem(source, 1, 1, "", "the policy file is not valid UTF-8", "save it as UTF-8"));
    }
  }
}
