package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A registry in token mode: the client must follow the Bearer challenge to the token service. */
class RegistryTokenAuthTest {
    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.withTokenServer();

    @TempDir
    Path work;

    @Test
    void bearerChallengeIsAnsweredWithATokenForTheRepositoryScope() throws Exception {
        Path adder = Fixtures.component(work, "adder.component.wasm");
        char[] password = "pw".toCharArray();
        CosignKeys.GeneratedKeys keys = CosignKeys.keygen(work.resolve("k"), Keys.KeyType.ECDSA_P256, password);
        OciComponents oci = new OciComponents(work.resolve("data"), REGISTRY.settings(),
                TrustPolicy.empty().trust(REGISTRY.host() + "/tools/bearer", TrustedKey.read(keys.publicKey())));
        OciReference ref = OciReference.parse("oci://" + REGISTRY.host() + "/tools/bearer:1");

        oci.push(adder, Optional.empty(), ref);
        oci.sign(ref, keys.privateKey(), password, SignatureFormat.COSIGN_CLASSIC);
        InstalledComponent installed = oci.pull(ref.toString(), InstallOptions.VERIFIED);

        assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
        assertTrue(REGISTRY.tokenServer().grantedScopes().contains("repository:tools/bearer:pull,push"));
        assertTrue(REGISTRY.tokenServer().grantedScopes().contains("repository:tools/bearer:pull"));
    }

    @Test
    void tokenServiceRefusalIsReported() throws Exception {
        OciComponents anonymous = new OciComponents(work, REGISTRY.settings(CredentialStore.anonymous()),
                TrustPolicy.empty());

        OciException e = assertThrows(OciException.class, () -> anonymous.pull(
                "oci://" + REGISTRY.host() + "/tools/bearer:1", InstallOptions.ALLOW_UNSIGNED));

        assertEquals("token service " + REGISTRY.tokenServer().realm() + " refused repository:tools/bearer:pull for "
                + REGISTRY.host() + " (HTTP 401); no credentials are configured", e.getMessage());
        assertEquals(List.of(), Fixtures.list(work.resolve("oci/blobs")));
    }
}
