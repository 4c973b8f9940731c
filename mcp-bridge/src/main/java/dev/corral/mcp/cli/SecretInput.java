package dev.corral.mcp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where {@code corral secret set} takes a value from: stdin or an environment variable, never the
 * command line (which other users can see in the process list and shells keep in history). Error
 * messages never quote the value.
 */
final class SecretInput {
  private SecretInput() {}

  /** All of {@code in}, as UTF-8, without one trailing newline ({@code \n} or {@code \r\n}). */
  static String fromStream(InputStream in) throws CliException, IOException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(in.readAllBytes()))
              .toString();
    } catch (CharacterCodingException e) {
      throw new CliException("the value on stdin is not UTF-8 text");
    }
    String value =
        text.endsWith("\r\n")
            ? text.substring(0, text.length() - 2)
            : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return requireValue(value, "no value on stdin (pipe it in, or use --from-env VAR)");
  }

  /** The value of {@code variable} in {@code environment}. */
  static String fromEnvironment(Map<String, String> environment, String variable)
      throws CliException {
    String value = environment.get(variable);
    if (value == null) {
      throw new CliException("--from-env " + variable + ": the variable is not set");
    }
    return requireValue(value, "--from-env " + variable + ": the variable is empty");
  }

  private static String requireValue(String value, String messageIfEmpty) throws CliException {
    if (value.isEmpty()) {
      throw new CliException(messageIfEmpty);
    }
    return value;
  }
}
