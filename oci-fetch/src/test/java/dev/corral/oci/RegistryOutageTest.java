package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The registry disappears between verification and download, or in the middle of a download. */
class RegistryOutageTest {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private static final char[] PASSWORD = "pw".toCharArray();

  @TempDir Path work;

  @Test
  void connectionCutMidBlobLeavesNothingHalfInstalled() throws Exception {
    Path numbers = Fixtures.component(work, "numbers.component.wasm");
    CosignKeys.GeneratedKeys keys =
        CosignKeys.keygen(work.resolve("k"), Keys.KeyType.ECDSA_P256, PASSWORD);
    int registryPort =
        Integer.parseInt(REGISTRY.host().substring(REGISTRY.host().indexOf(':') + 1));
    try (CuttingProxy proxy = new CuttingProxy(registryPort)) {
      RegistrySettings settings =
          new RegistrySettings(
              Set.of(proxy.host()), CredentialStore.anonymous(), Duration.ofSeconds(30));
      Path dataDir = work.resolve("data");
      OciComponents oci =
          new OciComponents(
              dataDir,
              settings,
              TrustPolicy.empty().trust(proxy.host(), TrustedKey.read(keys.publicKey())));
      OciReference ref = OciReference.parse("oci://" + proxy.host() + "/tools/numbers:1");
      OciComponents.PushResult pushed = oci.push(numbers, Optional.empty(), ref);
      oci.sign(ref, keys.privateKey(), PASSWORD, SignatureFormat.COSIGN_CLASSIC);
      ResolvedComponent resolved = oci.resolve(ref, InstallOptions.VERIFIED);

      proxy.cutAfter(20_000);
      OciException cut = assertThrows(OciException.class, () -> oci.install(resolved));

      assertTrue(
          cut.getMessage()
              .startsWith(
                  "download of blob "
                      + proxy.host()
                      + "/tools/numbers@"
                      + pushed.componentDigest()
                      + " failed after "),
          cut.getMessage());
      assertTrue(
          proxy.relayedSinceArmed() > 20_000, "the blob download had started before the cut");
      Path blob = dataDir.resolve("oci/blobs/sha256").resolve(pushed.componentDigest().hex());
      assertFalse(Files.exists(blob));
      assertEquals(List.of(), Fixtures.list(dataDir.resolve("oci/tmp")));

      proxy.cutAfter(Long.MAX_VALUE);
      REGISTRY.stop();
      OciException down;
      try {
        down = assertThrows(OciException.class, () -> oci.install(resolved));
      } finally {
        REGISTRY.start();
      }
      assertTrue(down.getMessage().startsWith("registry " + proxy.host() + " "), down.getMessage());
      assertFalse(Files.exists(blob));
      assertEquals(List.of(), Fixtures.list(dataDir.resolve("oci/tmp")));

      InstalledComponent installed = oci.install(resolved);
      assertArrayEquals(Files.readAllBytes(numbers), Files.readAllBytes(installed.component()));
    }
  }

  @Test
  void stalledDownloadIsAbandonedAndLeavesNothingBehind() throws Exception {
    Path numbers = Fixtures.component(work, "numbers.component.wasm");
    int registryPort =
        Integer.parseInt(REGISTRY.host().substring(REGISTRY.host().indexOf(':') + 1));
    try (CuttingProxy proxy = new CuttingProxy(registryPort)) {
      RegistrySettings settings =
          new RegistrySettings(
              Set.of(proxy.host()), CredentialStore.anonymous(), Duration.ofSeconds(2));
      Path dataDir = work.resolve("data");
      OciComponents oci = new OciComponents(dataDir, settings, TrustPolicy.empty());
      OciReference ref = OciReference.parse("oci://" + proxy.host() + "/tools/stall:1");
      OciComponents.PushResult pushed = oci.push(numbers, Optional.empty(), ref);
      ResolvedComponent resolved = oci.resolve(ref, InstallOptions.ALLOW_UNSIGNED);

      proxy.stallAfter(20_000);
      OciException e = assertThrows(OciException.class, () -> oci.install(resolved));

      assertTrue(
          e.getMessage()
              .startsWith(
                  "download of blob "
                      + proxy.host()
                      + "/tools/stall@"
                      + pushed.componentDigest()
                      + " failed after "),
          e.getMessage());
      assertTrue(e.getMessage().endsWith(" bytes: no data for 2 s"), e.getMessage());
      assertFalse(
          Files.exists(
              dataDir.resolve("oci/blobs/sha256").resolve(pushed.componentDigest().hex())));
      assertEquals(List.of(), Fixtures.list(dataDir.resolve("oci/tmp")));
    }
  }

  @Test
  void pinnedCacheHitNeedsNoRegistryAndIsReverified() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    CosignKeys.GeneratedKeys keys =
        CosignKeys.keygen(work.resolve("k"), Keys.KeyType.ED25519, PASSWORD);
    Path dataDir = work.resolve("data");
    OciComponents oci =
        new OciComponents(
            dataDir,
            REGISTRY.settings(),
            TrustPolicy.empty().trust(REGISTRY.host(), TrustedKey.read(keys.publicKey())));
    OciReference ref = OciReference.parse("oci://" + REGISTRY.host() + "/tools/offline:1");
    OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref);
    oci.sign(ref, keys.privateKey(), PASSWORD, SignatureFormat.SIGSTORE_BUNDLE);
    oci.pull(pushed.reference().toString(), InstallOptions.VERIFIED);

    REGISTRY.stop();
    try {
      InstalledComponent again = oci.pull(pushed.reference().toString(), InstallOptions.VERIFIED);
      assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(again.component()));
      assertTrue(
          again.signature().description().contains("(cached referrers tag "),
          again.signature().description());

      Fixtures.flipLastByte(again.component());
      OciException e =
          assertThrows(
              OciException.class,
              () -> oci.pull(pushed.reference().toString(), InstallOptions.VERIFIED));
      assertTrue(
          e.getMessage().startsWith("registry " + REGISTRY.host() + " is unreachable"),
          e.getMessage());
      assertFalse(Files.exists(again.component()));
    } finally {
      REGISTRY.start();
    }
  }

  @Test
  void registryDownAfterVerificationFailsCleanly() throws Exception {
    Path adder = Fixtures.component(work, "adder.component.wasm");
    CosignKeys.GeneratedKeys keys =
        CosignKeys.keygen(work.resolve("k"), Keys.KeyType.ECDSA_P256, PASSWORD);
    Path dataDir = work.resolve("data");
    OciComponents oci =
        new OciComponents(
            dataDir,
            REGISTRY.settings(),
            TrustPolicy.empty().trust(REGISTRY.host(), TrustedKey.read(keys.publicKey())));
    OciReference ref = OciReference.parse("oci://" + REGISTRY.host() + "/tools/adder:1");
    OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref);
    oci.sign(ref, keys.privateKey(), PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    ResolvedComponent resolved = oci.resolve(ref, InstallOptions.VERIFIED);

    REGISTRY.stop();
    OciException e;
    try {
      e = assertThrows(OciException.class, () -> oci.install(resolved));
    } finally {
      REGISTRY.start();
    }

    assertTrue(
        e.getMessage().startsWith("registry " + REGISTRY.host() + " is unreachable"),
        e.getMessage());
    assertFalse(
        Files.exists(dataDir.resolve("oci/blobs/sha256").resolve(pushed.componentDigest().hex())));
    assertEquals(List.of(), Fixtures.list(dataDir.resolve("oci/tmp")));
  }
}
