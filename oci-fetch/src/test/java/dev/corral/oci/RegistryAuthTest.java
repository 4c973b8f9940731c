package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A registry that requires HTTP Basic authentication (htpasswd with bcrypt). */
class RegistryAuthTest {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.withHtpasswd();

  private static final char[] PASSWORD = "pw".toCharArray();

  @TempDir Path work;

  private OciReference ref(String text) throws OciException {
    return OciReference.parse("oci://" + REGISTRY.host() + "/" + text);
  }

  @Test
  void anonymousAccessIsRefusedWithAHint() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    OciComponents anonymous =
        new OciComponents(
            work, REGISTRY.settings(CredentialStore.anonymous()), TrustPolicy.empty());

    OciException e =
        assertThrows(
            OciException.class,
            () -> anonymous.push(adder, Optional.empty(), ref("tools/adder:1")));

    assertEquals(
        "registry "
            + REGISTRY.host()
            + " requires authentication (HTTP Basic) and no user name and "
            + "password are configured; set CORRAL_REGISTRY_USERNAME and CORRAL_REGISTRY_PASSWORD or log in "
            + "with docker/podman",
        e.getMessage());
  }

  @Test
  void wrongPasswordIsRefused() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    OciComponents wrong =
        new OciComponents(
            work,
            REGISTRY.settings(
                CredentialStore.fixed(new Credentials.Basic(RegistryExtension.USER, "nope"))),
            TrustPolicy.empty());

    OciException e =
        assertThrows(
            OciException.class, () -> wrong.push(adder, Optional.empty(), ref("tools/adder:1")));

    assertTrue(
        e.getMessage()
            .startsWith(
                "registry "
                    + REGISTRY.host()
                    + " refused the credentials for "
                    + "repository:tools/adder:pull,push (HTTP 401)"),
        e.getMessage());
  }

  @Test
  void environmentCredentialsPushSignAndPull() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    CosignKeys.GeneratedKeys keys =
        CosignKeys.keygen(work.resolve("k"), Keys.KeyType.ECDSA_P256, PASSWORD);
    CredentialStore env =
        CredentialStore.fromEnvironment(
            Map.of(
                CredentialStore.USERNAME_VARIABLE, RegistryExtension.USER,
                CredentialStore.PASSWORD_VARIABLE, RegistryExtension.PASSWORD,
                CredentialStore.HOST_VARIABLE, REGISTRY.host()));
    OciComponents oci =
        new OciComponents(
            work.resolve("data"),
            REGISTRY.settings(env),
            TrustPolicy.empty().trust(REGISTRY.host(), TrustedKey.read(keys.publicKey())));

    oci.push(adder, Optional.empty(), ref("tools/env:1"));
    oci.sign(ref("tools/env:1"), keys.privateKey(), PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    InstalledComponent installed = oci.pull(ref("tools/env:1").toString(), InstallOptions.VERIFIED);

    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
    assertTrue(installed.signature().verified());
  }

  @Test
  void dockerConfigCredentialsAreUsed() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    Path config = work.resolve("docker/config.json");
    Files.createDirectories(config.getParent());
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (RegistryExtension.USER + ":" + RegistryExtension.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        config, "{\"auths\":{\"" + REGISTRY.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    CredentialStore docker = CredentialStore.dockerConfig(List.of(config));
    OciComponents oci =
        new OciComponents(work.resolve("data"), REGISTRY.settings(docker), TrustPolicy.empty());

    oci.push(adder, Optional.empty(), ref("tools/docker:1"));
    InstalledComponent installed =
        oci.pull(ref("tools/docker:1").toString(), InstallOptions.ALLOW_UNSIGNED);

    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
  }

  @Test
  void dockerCredentialHelperIsRun() throws Exception {
    // src/test/bin/docker-credential-corraltest is put on PATH by the surefire configuration.
    Path adder = Fixtures.component(work, "adder.component.wasm");
    Path config = work.resolve("docker/config.json");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "{\"credHelpers\":{\"" + REGISTRY.host() + "\":\"corraltest\"}}");
    OciComponents oci =
        new OciComponents(
            work.resolve("data"),
            REGISTRY.settings(CredentialStore.dockerConfig(List.of(config))),
            TrustPolicy.empty());

    OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref("tools/helper:1"));

    assertEquals(ref("tools/helper:1").withDigest(pushed.manifestDigest()), pushed.reference());
  }

  @Test
  void credsStoreIsUsed() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    Path config = work.resolve("docker/config.json");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "{\"credsStore\":\"corraltest\"}");
    OciComponents oci =
        new OciComponents(
            work.resolve("data"),
            REGISTRY.settings(CredentialStore.dockerConfig(List.of(config))),
            TrustPolicy.empty());

    oci.push(adder, Optional.empty(), ref("tools/store:1"));
    InstalledComponent installed =
        oci.pull(ref("tools/store:1").toString(), InstallOptions.ALLOW_UNSIGNED);

    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
  }

  /**
   * An environment with no Docker config of its own (DOCKER_CONFIG points at an empty directory).
   */
  private Map<String, String> environment(String... pairs) throws Exception {
    Map<String, String> env = new HashMap<>();
    Path empty = Files.createDirectories(work.resolve("no-docker-config"));
    env.put("DOCKER_CONFIG", empty.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Path podmanAuthFile(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (RegistryExtension.USER + ":" + RegistryExtension.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        file, "{\"auths\":{\"" + REGISTRY.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    return file;
  }

  @Test
  void podmanAuthFileFromRegistryAuthFileIsUsed() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    Path authFile = podmanAuthFile(work.resolve("podman/auth.json"));
    OciComponents oci =
        new OciComponents(
            work.resolve("data"),
            RegistrySettings.fromEnvironment(
                environment(
                    RegistrySettings.INSECURE_VARIABLE,
                    REGISTRY.host(),
                    "REGISTRY_AUTH_FILE",
                    authFile.toString())),
            TrustPolicy.empty());

    OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref("tools/podman:1"));

    assertEquals(ref("tools/podman:1").withDigest(pushed.manifestDigest()), pushed.reference());
  }

  @Test
  void podmanAuthFileUnderXdgRuntimeDirIsUsed() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    Path runtime = work.resolve("run");
    podmanAuthFile(runtime.resolve("containers/auth.json"));
    OciComponents oci =
        new OciComponents(
            work.resolve("data"),
            RegistrySettings.fromEnvironment(
                environment(
                    RegistrySettings.INSECURE_VARIABLE,
                    "other.example:5000, " + REGISTRY.host(),
                    "XDG_RUNTIME_DIR",
                    runtime.toString())),
            TrustPolicy.empty());

    OciComponents.PushResult pushed =
        oci.push(adder, Optional.empty(), ref("tools/podman-runtime:1"));

    assertEquals(
        ref("tools/podman-runtime:1").withDigest(pushed.manifestDigest()), pushed.reference());
  }

  @Test
  void environmentSettingsUseHttpsForRegistriesNotListedAsInsecure() throws Exception {
    RegistrySettings settings =
        RegistrySettings.fromEnvironment(
            environment(RegistrySettings.INSECURE_VARIABLE, "other.example:5000"));
    assertEquals("https", settings.scheme(REGISTRY.host()));
    assertEquals("http", settings.scheme("other.example:5000"));
    assertEquals("https", RegistrySettings.fromEnvironment(environment()).scheme("localhost:5000"));

    OciComponents oci = new OciComponents(work.resolve("data"), settings, TrustPolicy.empty());
    OciException e =
        assertThrows(
            OciException.class,
            () -> oci.pull(ref("tools/adder:1").toString(), InstallOptions.ALLOW_UNSIGNED));

    assertEquals(
        "registry "
            + REGISTRY.host()
            + " request GET https://"
            + REGISTRY.host()
            + "/v2/tools/adder/manifests/1 failed: javax.net.ssl.SSLException: Unrecognized SSL message, "
            + "plaintext connection?",
        e.getMessage());
  }

  @Test
  void environmentCredentialsAreNotSentToOtherHosts() throws Exception {
    CredentialStore env =
        CredentialStore.fromEnvironment(
            Map.of(
                CredentialStore.USERNAME_VARIABLE,
                "u",
                CredentialStore.PASSWORD_VARIABLE,
                "p",
                CredentialStore.HOST_VARIABLE,
                "registry.example:5000"));
    assertEquals(Credentials.ANONYMOUS, env.credentialsFor(REGISTRY.host()));
    assertEquals(new Credentials.Basic("u", "p"), env.credentialsFor("registry.example:5000"));
  }
}
