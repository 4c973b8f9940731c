package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A registry in token mode: the client must follow the Bearer challenge to the token service. */
class RegistryTokenAuthTest {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.withTokenServer();

  @TempDir Path work;

  @Test
  void bearerChallengeIsAnsweredWithATokenForTheRepositoryScope() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    char[] password = "pw".toCharArray();
    CosignKeys.GeneratedKeys keys =
        CosignKeys.keygen(work.resolve("k"), Keys.KeyType.ECDSA_P256, password);
    OciComponents oci =
        new OciComponents(
            work.resolve("data"),
            REGISTRY.settings(),
            TrustPolicy.empty()
                .trust(REGISTRY.host() + "/tools/bearer", TrustedKey.read(keys.publicKey())));
    OciReference ref = OciReference.parse("oci://" + REGISTRY.host() + "/tools/bearer:1");

    oci.push(adder, Optional.empty(), ref);
    oci.sign(ref, keys.privateKey(), password, SignatureFormat.COSIGN_CLASSIC);
    InstalledComponent installed = oci.pull(ref.toString(), InstallOptions.VERIFIED);

    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
    assertTrue(
        REGISTRY.tokenServer().grantedScopes().contains("repository:tools/bearer:pull,push"));
    assertTrue(REGISTRY.tokenServer().grantedScopes().contains("repository:tools/bearer:pull"));
  }

  /** A token for {@code scope} from the token service, as a CI system would hand one out. */
  private static String tokenFor(String scope) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            REGISTRY.tokenServer().realm()
                                + "?service="
                                + TokenServer.SERVICE
                                + "&scope="
                                + scope))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    (RegistryExtension.USER + ":" + RegistryExtension.PASSWORD)
                                        .getBytes(StandardCharsets.UTF_8)))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return Json.MAPPER.readTree(response.body()).get("token").asString();
  }

  @Test
  void registryTokenFromTheEnvironmentIsSentAsIs() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    char[] password = "pw".toCharArray();
    CosignKeys.GeneratedKeys keys =
        CosignKeys.keygen(work.resolve("k"), Keys.KeyType.ECDSA_P256, password);
    OciComponents publisher =
        new OciComponents(work.resolve("publisher"), REGISTRY.settings(), TrustPolicy.empty());
    OciReference ref = OciReference.parse("oci://" + REGISTRY.host() + "/tools/env-token:1");
    publisher.push(adder, Optional.empty(), ref);
    publisher.sign(ref, keys.privateKey(), password, SignatureFormat.COSIGN_CLASSIC);
    int granted = REGISTRY.tokenServer().grantedScopes().size();

    CredentialStore env =
        CredentialStore.fromEnvironment(
            Map.of(CredentialStore.TOKEN_VARIABLE, tokenFor("repository:tools/env-token:pull")));
    OciComponents oci =
        new OciComponents(
            work.resolve("data"),
            REGISTRY.settings(env),
            TrustPolicy.empty()
                .trust(REGISTRY.host() + "/tools/env-token", TrustedKey.read(keys.publicKey())));
    InstalledComponent installed = oci.pull(ref.toString(), InstallOptions.VERIFIED);

    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
    assertTrue(installed.signature().verified());
    assertEquals(
        granted + 1,
        REGISTRY.tokenServer().grantedScopes().size(),
        "only the test's own token request");
  }

  @Test
  void registryTokenForAnotherRepositoryIsRefused() throws Exception {
    CredentialStore env =
        CredentialStore.fromEnvironment(
            Map.of(CredentialStore.TOKEN_VARIABLE, tokenFor("repository:tools/other:pull")));
    OciComponents oci = new OciComponents(work, REGISTRY.settings(env), TrustPolicy.empty());

    OciException e =
        assertThrows(
            OciException.class,
            () ->
                oci.pull(
                    "oci://" + REGISTRY.host() + "/tools/env-token:1",
                    InstallOptions.ALLOW_UNSIGNED));

    assertEquals(
        "registry "
            + REGISTRY.host()
            + " refused the credentials for repository:tools/env-token:pull "
            + "(HTTP 401); check CORRAL_REGISTRY_USERNAME/CORRAL_REGISTRY_PASSWORD, CORRAL_REGISTRY_TOKEN or the "
            + "Docker config",
        e.getMessage());
  }

  @Test
  void tokenServiceRefusalIsReported() throws Exception {
    OciComponents anonymous =
        new OciComponents(
            work, REGISTRY.settings(CredentialStore.anonymous()), TrustPolicy.empty());

    OciException e =
        assertThrows(
            OciException.class,
            () ->
                anonymous.pull(
                    "oci://" + REGISTRY.host() + "/tools/bearer:1", InstallOptions.ALLOW_UNSIGNED));

    assertEquals(
        "token service "
            + REGISTRY.tokenServer().realm()
            + " refused repository:tools/bearer:pull for "
            + REGISTRY.host()
            + " (HTTP 401); no credentials are configured",
        e.getMessage());
    assertEquals(List.of(), Fixtures.list(work.resolve("oci/blobs")));
  }
}
