package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker/Podman auth files with real credential helper processes ({@code src/test/bin}, put on
 * {@code PATH} by the surefire configuration).
 */
class DockerConfigCredentialsTest {
  @TempDir Path dir;

  private Path config(String json) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void hangingHelperIsKilledAfterTheTimeout() throws Exception {
    Path file = config("{\"credHelpers\":{\"r.example\":\"corralhang\"}}");
    DockerConfigCredentials store =
        new DockerConfigCredentials(List.of(file), Duration.ofSeconds(1));

    OciException e = assertThrows(OciException.class, () -> store.credentialsFor("r.example"));

    assertEquals(
        "credential helper docker-credential-corralhang did not finish within 1 s", e.getMessage());
  }

  @Test
  void credsStoreIsAskedForEveryRegistry() throws Exception {
    Path file = config("{\"credsStore\":\"corraltest\"}");
    assertEquals(
        new Credentials.Basic(RegistryExtension.USER, RegistryExtension.PASSWORD),
        new DockerConfigCredentials(List.of(file)).credentialsFor("anything.example:5000"));
  }

  @Test
  void credsStoreWithoutTheRegistryFallsBackToAuths() throws Exception {
    Path file =
        config(
            "{\"credsStore\":\"corralnone\",\"auths\":{\"https://r.example/v1/\":{\"auth\":\"dTpw\"}}}");
    assertEquals(
        new Credentials.Basic("u", "p"),
        new DockerConfigCredentials(List.of(file)).credentialsFor("r.example"));
  }

  @Test
  void missingHelperIsReported() throws Exception {
    Path file = config("{\"credHelpers\":{\"r.example\":\"corral-no-such-helper\"}}");
    OciException e =
        assertThrows(
            OciException.class,
            () -> new DockerConfigCredentials(List.of(file)).credentialsFor("r.example"));
    assertEquals(
        "credential helper docker-credential-corral-no-such-helper (from "
            + file
            + ") cannot be run: "
            + "Cannot run program \"docker-credential-corral-no-such-helper\": Exec failed, error: 2 (No such file or directory)",
        e.getMessage());
  }

  @Test
  void laterFilesAreReadWhenEarlierOnesDoNotKnowTheRegistry() throws Exception {
    Path docker = config("{\"auths\":{\"other.example\":{\"auth\":\"dTpw\"}}}");
    Path podman = dir.resolve("auth.json");
    Files.writeString(
        podman, "{\"auths\":{\"r.example\":{\"username\":\"pod\",\"password\":\"man\"}}}");
    assertEquals(
        new Credentials.Basic("pod", "man"),
        new DockerConfigCredentials(List.of(dir.resolve("missing.json"), docker, podman))
            .credentialsFor("r.example"));
  }
}
