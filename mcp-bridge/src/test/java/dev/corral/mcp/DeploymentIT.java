package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.oci.RegistryExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code serve --deployment}: a replica serving the components a file declares, pulled from
 * Debian's docker-registry on loopback and verified at start; the built-in tools that would change
 * them refused; its metrics at {@code /metrics} behind the token.
 */
class DeploymentIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();
  private static final Pattern SERVING =
      Pattern.compile("serving \\d+ tool\\(s\\) at (http://127\\.0\\.0\\.1:\\d+/mcp)");
  private static final String TOKEN = "deployment-it-token";
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path home;

  @Test
  void aReplicaServesTheDeclaredComponentsAndRefusesToChangeThem() throws Exception {
    Path declared = new DeclaredAdder(home, REGISTRY.host()).declare("dev.pub");
    try (McpProcess replica = McpProcess.start(serve(declared))) {
      String url = replica.awaitStderr(SERVING).group(1);
      assertTrue(
          replica
              .stderr()
              .contains(
                  "corral: serving the deployment "
                      + declared.resolve("deployment.yaml")
                      + ": 1 component(s), pulled and verified"),
          replica.stderr());

      JsonNode list =
          post(ModernHttp.request(url, TOKEN, 1, "tools/list", JSON.createObjectNode()))
              .get("result");
      assertEquals(300_000, list.get("ttlMs").asInt());
      List<String> names = new ArrayList<>();
      list.get("tools").forEach(t -> names.add(t.get("name").asString()));
      names.removeAll(dev.corral.mcp.server.ManagementTools.NAMES);
      assertEquals(List.of("docs_adder_add_add"), names);

      assertEquals(
          "{\"result\":42}",
          call(url, "docs_adder_add_add", "{\"x\":2,\"y\":40}")
              .get("structuredContent")
              .toString());
      JsonNode grant =
          call(
              url,
              "grant-network-permission",
              "{\"component_id\":\"adder\",\"details\":{\"host\":\"a.example\"}}");
      assertTrue(grant.get("isError").asBoolean());
      assertEquals(
          "grant-network-permission refused: this server is one replica of a deployment declared in "
              + declared.resolve("deployment.yaml")
              + "; its components and policies are managed there (change the file and"
              + " restart the replicas), not through MCP",
          grant.at("/content/0/text").asString());
      assertEquals(
          "{\"network\":{\"allow\":[{\"host\":\"example.com\"}]}}",
          call(url, "get-policy", "{\"component_id\":\"adder\"}")
              .at("/structuredContent/policy/permissions")
              .toString());

      HttpResponse<String> refused =
          http.send(
              HttpRequest.newBuilder(URI.create(url.replace("/mcp", "/metrics"))).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(401, refused.statusCode());
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(url.replace("/mcp", "/metrics")))
                  .header("Authorization", "Bearer " + TOKEN)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, metrics.statusCode());
      RealClientsIT.assertContainsAll(
          metrics.body(),
          List.of(
              "corral_tool_calls_seconds_count{tool=\"docs_adder_add_add\"} 1\n",
              "corral_tool_errors_total{tool=\"docs_adder_add_add\"} 0.0\n",
              "corral_tool_errors_total{tool=\"grant-network-permission\"} 1.0\n",
              "corral_tool_calls_seconds_bucket{tool=\"docs_adder_add_add\",le=\"+Inf\"} 1\n",
              "corral_instances_in_flight 0.0\n",
              "jvm_memory_used_bytes{area=\"heap\""));
    }
  }

  @Test
  void aComponentNotSignedByItsDeclaredKeyStopsTheReplica() throws Exception {
    DeclaredAdder adder = new DeclaredAdder(home, REGISTRY.host());
    adder.keygen("other");
    Path declared = adder.declare("other.pub");
    try (McpProcess replica = McpProcess.start(serve(declared))) {
      assertEquals(1, replica.waitForExit(), replica.stderr());
      assertTrue(
          replica
              .stderr()
              .contains(
                  "corral: --deployment: "
                      + declared.resolve("deployment.yaml")
                      + ": adder (oci://"
                      + REGISTRY.host()
                      + "/tools/adder@sha256:"),
          replica.stderr());
    }
  }

  @Test
  void aReferenceNotPinnedByDigestIsRefused() throws Exception {
    Path declared = Files.createDirectories(home.resolve("tagged"));
    Files.writeString(
        declared.resolve("deployment.yaml"),
        "components:\n  - id: adder\n    ref: oci://"
            + REGISTRY.host()
            + "/tools/adder:1\n    key: dev.pub\n");
    try (McpProcess replica = McpProcess.start(serve(declared))) {
      assertEquals(1, replica.waitForExit(), replica.stderr());
      assertTrue(
          replica
              .stderr()
              .contains(
                  "corral: --deployment: "
                      + declared.resolve("deployment.yaml")
                      + ": components[0].ref oci://"
                      + REGISTRY.host()
                      + "/tools/adder:1 is not pinned by digest: every replica must"
                      + " serve the same bytes, so write it as oci://REGISTRY/REPOSITORY@sha256:DIGEST"),
          replica.stderr());
    }
  }

  private ProcessBuilder serve(Path declared) {
    ProcessBuilder builder =
        McpProcess.corral(
            home.resolve("replica"),
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--token",
            TOKEN,
            "--deployment",
            declared.toString());
    builder.environment().put("CORRAL_INSECURE_REGISTRIES", REGISTRY.host());
    return builder;
  }

  private JsonNode call(String url, String tool, String arguments) throws Exception {
    return post(ModernHttp.call(url, TOKEN, 1, tool, JSON.readTree(arguments))).get("result");
  }

  private JsonNode post(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return ModernHttp.body(response);
  }
}
