package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.mcp.cli.CorralCommand;
import dev.corral.mcp.component.DeclaredDeployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * deploy/: the Kubernetes manifests parse and fit together, their container runs the command line
 * ReplicasIT runs (ReplicasIT takes its arguments from the same manifest; this checks the
 * manifest's own values), and the Containerfile builds the image those manifests expect. No image
 * is built here: no base image can be pulled from the test machines.
 */
class DeployManifestsTest {
  @Test
  void theManifestsParseAndFitTogether() throws Exception {
    assertEquals(
        List.of("ConfigMap", "Secret", "Deployment", "Service"),
        DeployManifests.documents().stream().map(d -> d.get("kind")).toList());
    assertEquals(
        List.of(
            "serve",
            "--http",
            "--listen",
            "0.0.0.0:9001",
            "--allowed-host",
            "corral",
            "--deployment",
            "/etc/corral/deployment",
            "--state-key-file",
            "/etc/corral/secrets/state-key"),
        DeployManifests.args(environment()));
    assertEquals("/health", DeployManifests.probePath("readinessProbe"));
    assertEquals("/health", DeployManifests.probePath("livenessProbe"));
    assertEquals("corral:dev", DeployManifests.container().get("image"));
  }

  @Test
  void theArgumentsAreAValidServeCommandLine() throws Exception {
    CommandLine.ParseResult parsed =
        new CommandLine(new CorralCommand())
            .parseArgs(DeployManifests.args(environment()).toArray(String[]::new));
    assertEquals("serve", parsed.subcommand().commandSpec().name());
    assertEquals(
        List.of("--http", "--listen", "--allowed-host", "--deployment", "--state-key-file"),
        parsed.subcommand().matchedOptions().stream().map(o -> o.longestName()).toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theConfigMapDeclaresAValidDeploymentAndTheSecretHoldsWhatIsMounted(@TempDir Path dir)
      throws Exception {
    Map<String, String> data =
        (Map<String, String>) DeployManifests.ofKind("ConfigMap").get("data");
    for (Map.Entry<String, String> file : data.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    DeclaredDeployment declared = DeclaredDeployment.read(dir);
    assertEquals(
        List.of("adder"),
        declared.components().stream().map(DeclaredDeployment.Entry::id).toList());
    assertTrue(
        Files.exists(declared.components().get(0).key()), "the declared key is in the ConfigMap");
    assertTrue(
        Files.exists(declared.components().get(0).policy().orElseThrow()),
        "the policy is in the ConfigMap");
    Map<String, String> secret =
        (Map<String, String>) DeployManifests.ofKind("Secret").get("stringData");
    assertEquals(List.of("token", "state-key"), List.copyOf(secret.keySet()));
    assertTrue(
        secret.get("state-key").length() >= 32, "the example key is long enough to be accepted");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theServiceReachesTheContainersPortAndTheHostTheyAccept() throws Exception {
    Map<String, Object> port =
        ((List<Map<String, Object>>)
                ((Map<String, Object>) DeployManifests.ofKind("Service").get("spec")).get("ports"))
            .get(0);
    Map<String, Object> containerPort =
        ((List<Map<String, Object>>) DeployManifests.container().get("ports")).get(0);
    assertEquals(containerPort.get("name"), port.get("targetPort"));
    assertEquals(containerPort.get("containerPort"), port.get("port"));
    assertEquals(
        "0.0.0.0:" + containerPort.get("containerPort"), environment().get("CORRAL_LISTEN"));
    assertEquals(
        ((Map<String, Object>) DeployManifests.ofKind("Service").get("metadata")).get("name"),
        environment().get("CORRAL_ALLOWED_HOST"));
  }

  @Test
  void theContainerfileRunsTheJarAsANonRootUserWithAWarmCache() throws Exception {
    List<String> lines =
        Files.readAllLines(McpProcess.repository().resolve("deploy/Containerfile"));
    assertTrue(lines.contains("FROM docker.io/library/eclipse-temurin:25-jre"), lines.toString());
    assertTrue(lines.contains("USER 10001:10001"), lines.toString());
    assertTrue(
        lines.contains("COPY mcp-bridge/target/corral.jar /opt/corral/corral.jar"),
        lines.toString());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.contains(
                        "java -XX:AOTCacheOutput=/home/corral/corral.aot -jar"
                            + " /opt/corral/corral.jar serve")),
        "a training run writes the AOT cache");
    assertTrue(
        lines.contains(
            "ENTRYPOINT [\"java\", \"-XX:AOTCache=/home/corral/corral.aot\", \"-jar\","
                + " \"/opt/corral/corral.jar\"]"),
        lines.toString());
    assertEquals(
        10001L,
        ((Number)
                ((Map<?, ?>)
                        ((Map<?, ?>)
                                ((Map<?, ?>)
                                        ((Map<?, ?>)
                                                DeployManifests.ofKind("Deployment").get("spec"))
                                            .get("template"))
                                    .get("spec"))
                            .get("securityContext"))
                    .get("runAsUser"))
            .longValue());
  }

  /**
   * The container's environment as the manifest sets it (values only; the token comes from the
   * Secret).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> environment() throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map<String, Object> variable :
        (List<Map<String, Object>>) DeployManifests.container().get("env")) {
      if (variable.get("value") != null) {
        values.put((String) variable.get("name"), (String) variable.get("value"));
      }
    }
    return values;
  }
}
