package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret file that cannot be read fails closed, with a message naming the file and never a value.
 */
class SecretStoreTest {
  private static final Policy NAMES_A_SECRET =
      parse("version: \"1.0\"\nsecrets:\n  - name: token\n    env: TOKEN\n");

  @TempDir Path dir;

  private static Policy parse(String yaml) {
    try {
      return PolicyParser.parse(yaml, "test", Path.of("/"));
    } catch (PolicyException e) {
      throw new AssertionError(e);
    }
  }

  private String failure(SecretStore secrets) {
    return assertThrows(
            IOException.class, () -> secrets.environmentFor("tool", NAMES_A_SECRET, Map.of()))
        .getMessage();
  }

  @Test
  void malformedYamlNamesTheFileOnly() throws Exception {
    SecretStore secrets = new SecretStore(dir);
    Files.writeString(dir.resolve("tool.yaml"), "token: \"hunter2\n");
    assertEquals(
        "secret file "
            + dir.resolve("tool.yaml")
            + " is not a valid YAML mapping of names to strings",
        failure(secrets));
  }

  @Test
  void aValueThatIsNotAStringNamesTheSecretOnly() throws Exception {
    SecretStore secrets = new SecretStore(dir);
    Files.writeString(dir.resolve("tool.yaml"), "token: [hunter2]\n");
    assertEquals(
        "secret 'token' in " + dir.resolve("tool.yaml") + " is not a string", failure(secrets));
  }

  @Test
  void anUnreadableFileIsNamed() throws Exception {
    SecretStore secrets = new SecretStore(dir);
    Files.createDirectory(dir.resolve("tool.yaml"));
    assertEquals(
        "cannot read secret file " + dir.resolve("tool.yaml") + ": Is a directory",
        failure(secrets));
  }

  @Test
  void noSecretFileMeansNoSecretsAndAPolicyWithoutSecretsNeverReadsIt() throws Exception {
    SecretStore secrets = new SecretStore(dir);
    assertEquals(Map.of(), secrets.environmentFor("tool", NAMES_A_SECRET, Map.of("TOKEN", "host")));
    assertEquals(Set.of(), secrets.names("tool"));
    Files.writeString(dir.resolve("tool.yaml"), "not: [valid\n");
    assertEquals(
        Map.of(), secrets.environmentFor("tool", Policy.denyAll(), Map.of("TOKEN", "host")));
  }
}
