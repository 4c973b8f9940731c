package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** A registry that requires HTTP Basic authentication (htpasswd with bcrypt). */
class RegistryAuthTest {
    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.withHtpasswd();

    private static final char[] PASSWORD = "pw".toCharArray();

    @TempDir
    Path work;

    private OciReference ref(String text) throws OciException {
        return OciReference.parse("oci://" + REGISTRY.host() + "/" + text);
    }

    @Test
    void anonymousAccessIsRefusedWithAHint() throws Exception {
        Path adder = Fixtures.component(work, "adder.component.wasm");
        OciComponents anonymous = new OciComponents(work, REGISTRY.settings(CredentialStore.anonymous()),
                TrustPolicy.empty());

        OciException e = assertThrows(OciException.class,
                () -> anonymous.push(adder, Optional.empty(), ref("tools/adder:1")));

        assertEquals("registry " + REGISTRY.host() + " requires authentication (HTTP Basic) and no user name and "
                + "password are configured; set CORRAL_REGISTRY_USERNAME and CORRAL_REGISTRY_PASSWORD or log in "
                + "with docker/podman", e.getMessage());
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Path adder = Fixtures.component(work, "adder.component.wasm");
        OciComponents wrong = new OciComponents(work, REGISTRY.settings(
                CredentialStore.fixed(new Credentials.Basic(RegistryExtension.USER, "nope"))), TrustPolicy.empty());

        OciException e = assertThrows(OciException.class,
                () -> wrong.push(adder, Optional.empty(), ref("tools/adder:1")));

        assertTrue(e.getMessage().startsWith("registry " + REGISTRY.host() + " refused the credentials for "
                + "repository:tools/adder:pull,push (HTTP 401)"), e.getMessage());
    }

    @Test
    void environmentCredentialsPushSignAndPull() throws Exception {
        Path adder = Fixtures.component(work, "adder.component.wasm");
        CosignKeys.GeneratedKeys keys = CosignKeys.keygen(work.resolve("k"), Keys.KeyType.ECDSA_P256, PASSWORD);
        CredentialStore env = CredentialStore.fromEnvironment(Map.of(
                CredentialStore.USERNAME_VARIABLE, RegistryExtension.USER,
                CredentialStore.PASSWORD_VARIABLE, RegistryExtension.PASSWORD,
                CredentialStore.HOST_VARIABLE, REGISTRY.host()));
        OciComponents oci = new OciComponents(work.resolve("data"), REGISTRY.settings(env),
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
        String auth = Base64.getEncoder().encodeToString((RegistryExtension.USER + ":" + RegistryExtension.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\"auths\":{\"" + REGISTRY.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        CredentialStore docker = CredentialStore.dockerConfig(List.of(config));
        OciComponents oci = new OciComponents(work.resolve("data"), REGISTRY.settings(docker), TrustPolicy.empty());

        oci.push(adder, Optional.empty(), ref("tools/docker:1"));
        InstalledComponent installed = oci.pull(ref("tools/docker:1").toString(), InstallOptions.ALLOW_UNSIGNED);

        assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
    }

    @Test
    void dockerCredentialHelperIsRun() throws Exception {
        // src/test/bin/docker-credential-corraltest is put on PATH by the surefire configuration.
        Path adder = Fixtures.component(work, "adder.component.wasm");
        Path config = work.resolve("docker/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"credHelpers\":{\"" + REGISTRY.host() + "\":\"corraltest\"}}");
        OciComponents oci = new OciComponents(work.resolve("data"),
                REGISTRY.settings(CredentialStore.dockerConfig(List.of(config))), TrustPolicy.empty());

        OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref("tools/helper:1"));

        assertEquals(ref("tools/helper:1").withDigest(pushed.manifestDigest()), pushed.reference());
    }

    @Test
    void environmentCredentialsAreNotSentToOtherHosts() throws Exception {
        CredentialStore env = CredentialStore.fromEnvironment(Map.of(
                CredentialStore.USERNAME_VARIABLE, "u", CredentialStore.PASSWORD_VARIABLE, "p",
                CredentialStore.HOST_VARIABLE, "registry.example:5000"));
        assertEquals(Credentials.ANONYMOUS, env.credentialsFor(REGISTRY.host()));
        assertEquals(new Credentials.Basic("u", "p"), env.credentialsFor("registry.example:5000"));
    }
}
