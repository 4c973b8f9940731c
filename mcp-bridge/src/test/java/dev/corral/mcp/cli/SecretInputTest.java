package dev.corral.mcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretInputTest {
  private static String fromStdin(String text) throws Exception {
    return SecretInput.fromStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void stdinLosesOneTrailingNewlineAndNothingElse() throws Exception {
    assertEquals("tok", fromStdin("tok"));
    assertEquals("tok", fromStdin("tok\n"));
    assertEquals("tok", fromStdin("tok\r\n"));
    assertEquals("tok\n", fromStdin("tok\n\n"));
    assertEquals(" two words \u00e9 ", fromStdin(" two words \u00e9 \n"));
    assertEquals("line 1\nline 2", fromStdin("line 1\nline 2\n"));
  }

  @Test
  void emptyOrNonUtf8StdinIsRefusedWithoutQuotingIt() {
    assertEquals(
        "no value on stdin (pipe it in, or use --from-env VAR)",
        assertThrows(CliException.class, () -> fromStdin("\n")).getMessage());
    assertEquals(
        "no value on stdin (pipe it in, or use --from-env VAR)",
        assertThrows(CliException.class, () -> fromStdin("")).getMessage());
    assertEquals(
        "the value on stdin is not UTF-8 text",
        assertThrows(
                CliException.class,
                () ->
                    SecretInput.fromStream(new ByteArrayInputStream(new byte[] {'a', (byte) 0xff})))
            .getMessage());
  }

  @Test
  void fromEnvironmentTakesTheVariableAsIs() throws Exception {
    assertEquals("v a l\n", SecretInput.fromEnvironment(Map.of("TOKEN", "v a l\n"), "TOKEN"));
    assertEquals(
        "--from-env MISSING: the variable is not set",
        assertThrows(CliException.class, () -> SecretInput.fromEnvironment(Map.of(), "MISSING"))
            .getMessage());
    assertEquals(
        "--from-env EMPTY: the variable is empty",
        assertThrows(
                CliException.class, () -> SecretInput.fromEnvironment(Map.of("EMPTY", ""), "EMPTY"))
            .getMessage());
  }
}
