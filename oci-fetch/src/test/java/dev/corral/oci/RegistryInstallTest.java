package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pull, push, sign and verify against a real registry process. */
class RegistryInstallTest {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private static final char[] PASSWORD = "correct horse".toCharArray();

  @TempDir Path work;

  private Path dataDir;
  private Path adder;
  private Path numbers;
  private Path signingKey;
  private TrustedKey trusted;

  @BeforeEach
  void setUp() throws Exception {
    dataDir = work.resolve("data");
    adder = Fixtures.component(work, "adder.component.wasm");
    numbers = Fixtures.component(work, "numbers.component.wasm");
    CosignKeys.GeneratedKeys keys =
        CosignKeys.keygen(work.resolve("publisher"), Keys.KeyType.ECDSA_P256, PASSWORD);
    signingKey = keys.privateKey();
    trusted = TrustedKey.read(keys.publicKey());
  }

  private OciComponents oci(TrustPolicy policy) {
    return new OciComponents(dataDir, REGISTRY.settings(), policy);
  }

  private TrustPolicy trustingPublisher() {
    return TrustPolicy.empty().trust(REGISTRY.host() + "/tools", trusted);
  }

  private OciReference ref(String text) throws OciException {
    return OciReference.parse("oci://" + REGISTRY.host() + "/" + text);
  }

  @Test
  void signedComponentInstallsWithCosignClassicSignature() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref("tools/adder:1.0"));
    OciReference signed =
        oci.sign(ref("tools/adder:1.0"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    assertEquals(pushed.manifestDigest(), signed.digest());

    InstalledComponent installed =
        oci.pull("oci://" + REGISTRY.host() + "/tools/adder:1.0", InstallOptions.VERIFIED);

    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
    assertEquals(Digest.sha256(Files.readAllBytes(adder)), installed.digest());
    assertEquals(Optional.of(pushed.manifestDigest()), installed.manifestDigest());
    assertTrue(installed.signature().verified());
    assertTrue(
        installed.signature().description().startsWith("cosign signature by " + trusted),
        installed.signature().description());
    assertEquals(
        dataDir.resolve("oci/blobs/sha256").resolve(installed.digest().hex()),
        installed.component());
    assertEquals(List.of(), Fixtures.list(dataDir.resolve("oci/tmp")));
  }

  @Test
  void signedComponentInstallsWithSigstoreBundleThroughReferrersFallbackTag() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref("tools/bundled:1.0"));
    oci.sign(ref("tools/bundled:1.0"), signingKey, PASSWORD, SignatureFormat.SIGSTORE_BUNDLE);

    InstalledComponent installed =
        oci.pull(
            "oci://" + REGISTRY.host() + "/tools/bundled@" + pushed.manifestDigest(),
            InstallOptions.VERIFIED);

    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
    assertTrue(
        installed.signature().description().startsWith("sigstore bundle signed by " + trusted),
        installed.signature().description());
    assertTrue(
        installed
            .signature()
            .description()
            .contains("referrers tag " + pushed.manifestDigest().tagForm()),
        installed.signature().description());
  }

  @Test
  void policyLayerIsInstalledNextToTheComponent() throws Exception {
    Path policy = work.resolve("policy.yaml");
    Files.writeString(policy, "version: \"1.0\"\npermissions: {}\n");
    OciComponents oci = oci(trustingPublisher());
    oci.push(adder, Optional.of(policy), ref("tools/with-policy:1"));
    oci.sign(ref("tools/with-policy:1"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);

    InstalledComponent installed =
        oci.pull("oci://" + REGISTRY.host() + "/tools/with-policy:1", InstallOptions.VERIFIED);

    assertEquals(
        "version: \"1.0\"\npermissions: {}\n", Files.readString(installed.policy().orElseThrow()));
  }

  @Test
  void wassetteLayerTypesAreAccepted() throws Exception {
    RegistryClient client = new RegistryClient(REGISTRY.host(), REGISTRY.settings());
    byte[] wasm = Files.readAllBytes(adder);
    byte[] policy = "version: \"1.0\"\n".getBytes(StandardCharsets.UTF_8);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    client.pushBlob("tools/wassette", wasm);
    client.pushBlob("tools/wassette", policy);
    client.pushBlob("tools/wassette", config);
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            null,
            Descriptor.of(MediaTypes.OCI_IMAGE_CONFIG, config),
            List.of(
                Descriptor.of("application/vnd.wasm.component.v1", wasm),
                Descriptor.of("application/vnd.wassette.policy+yaml", policy)),
            null,
            java.util.Map.of());
    client.pushManifest("tools/wassette", "0.1", manifest.toBytes(), MediaTypes.OCI_MANIFEST);
    OciComponents oci = oci(trustingPublisher());
    oci.sign(ref("tools/wassette:0.1"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);

    InstalledComponent installed =
        oci.pull(ref("tools/wassette:0.1").toString(), InstallOptions.VERIFIED);

    assertArrayEquals(wasm, Files.readAllBytes(installed.component()));
    assertArrayEquals(policy, Files.readAllBytes(installed.policy().orElseThrow()));
  }

  @Test
  void artifactWithoutComponentLayerIsRejected() throws Exception {
    Digest digest = pushImageWithoutComponent("tools/image");
    OciComponents oci = oci(trustingPublisher());
    oci.sign(ref("tools/image:1"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);

    OciException e =
        assertThrows(
            OciException.class,
            () -> oci.pull(ref("tools/image:1").toString(), InstallOptions.VERIFIED));

    assertEquals(
        ref("tools/image:1").withDigest(digest)
            + " has no component layer (media type 'application/wasm')",
        e.getMessage());
  }

  @Test
  void signatureIsCheckedBeforeTheManifestIsParsed() throws Exception {
    Digest digest = pushImageWithoutComponent("tools/unsigned-image");

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                oci(trustingPublisher())
                    .pull(ref("tools/unsigned-image:1").toString(), InstallOptions.VERIFIED));

    assertEquals(
        "refusing "
            + ref("tools/unsigned-image:1").withDigest(digest)
            + ": expected a signature by "
            + trusted
            + " (trust policy rule '"
            + REGISTRY.host()
            + "/tools'), "
            + "found: no signature (no cosign tag, no sigstore bundle referrer). Sign it with 'corral sign', "
            + "or pass --allow-unsigned for development.",
        e.getMessage());
  }

  /**
   * An OCI image (a config and a tar layer, no component layer) tagged {@code 1} in {@code
   * repository}.
   */
  private Digest pushImageWithoutComponent(String repository) throws Exception {
    RegistryClient client = new RegistryClient(REGISTRY.host(), REGISTRY.settings());
    byte[] layer = "not wasm".getBytes(StandardCharsets.UTF_8);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    client.pushBlob(repository, layer);
    client.pushBlob(repository, config);
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            null,
            Descriptor.of(MediaTypes.OCI_IMAGE_CONFIG, config),
            List.of(Descriptor.of("application/vnd.oci.image.layer.v1.tar+gzip", layer)),
            null,
            java.util.Map.of());
    return client.pushManifest(repository, "1", manifest.toBytes(), MediaTypes.OCI_MANIFEST);
  }

  @Test
  void unsignedComponentIsRefusedBeforeAnyLayerIsDownloaded() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref("tools/unsigned:1"));

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                oci.pull(
                    "oci://" + REGISTRY.host() + "/tools/unsigned:1", InstallOptions.VERIFIED));

    assertEquals(
        "refusing "
            + ref("tools/unsigned:1").withDigest(pushed.manifestDigest())
            + ": expected a signature by "
            + trusted
            + " (trust policy rule '"
            + REGISTRY.host()
            + "/tools'), "
            + "found: no signature (no cosign tag, no sigstore bundle referrer). Sign it with 'corral sign', "
            + "or pass --allow-unsigned for development.",
        e.getMessage());
    assertFalse(
        Files.exists(dataDir.resolve("oci/blobs/sha256").resolve(pushed.componentDigest().hex())));
  }

  @Test
  void allowUnsignedInstallsButSaysSo() throws Exception {
    OciComponents oci = oci(TrustPolicy.empty());
    oci.push(adder, Optional.empty(), ref("dev/unsigned:1"));

    InstalledComponent installed =
        oci.pull("oci://" + REGISTRY.host() + "/dev/unsigned:1", InstallOptions.ALLOW_UNSIGNED);

    assertFalse(installed.signature().verified());
    assertEquals(
        "UNVERIFIED (--allow-unsigned): no trusted key is configured for "
            + REGISTRY.host()
            + "/dev/unsigned",
        installed.signature().description());
    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
  }

  @Test
  void noTrustedKeyForTheRepositoryIsRefused() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    oci.push(adder, Optional.empty(), ref("elsewhere/adder:1"));

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                oci.pull(
                    "oci://" + REGISTRY.host() + "/elsewhere/adder:1", InstallOptions.VERIFIED));

    assertTrue(
        e.getMessage()
            .contains(
                ": no trusted key is configured for " + REGISTRY.host() + "/elsewhere/adder;"),
        e.getMessage());
  }

  @Test
  void signatureByAnotherKeyIsRefused() throws Exception {
    CosignKeys.GeneratedKeys other =
        CosignKeys.keygen(work.resolve("other"), Keys.KeyType.ED25519, PASSWORD);
    OciComponents oci = oci(trustingPublisher());
    oci.push(adder, Optional.empty(), ref("tools/wrong-key:1"));
    oci.sign(
        ref("tools/wrong-key:1"), other.privateKey(), PASSWORD, SignatureFormat.COSIGN_CLASSIC);

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                oci.pull(
                    "oci://" + REGISTRY.host() + "/tools/wrong-key:1", InstallOptions.VERIFIED));

    assertTrue(e.getMessage().contains("expected a signature by " + trusted), e.getMessage());
    assertTrue(e.getMessage().contains("found: cosign signature (tag sha256-"), e.getMessage());
    assertTrue(
        e.getMessage().contains(".sig, layer 0) does not verify with any trusted key"),
        e.getMessage());
  }

  @Test
  void signatureForAnotherDigestIsRefused() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    OciComponents.PushResult first = oci.push(adder, Optional.empty(), ref("tools/replayed:a"));
    OciComponents.PushResult second = oci.push(numbers, Optional.empty(), ref("tools/replayed:b"));
    oci.sign(ref("tools/replayed:a"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    // Replay: copy the valid signature manifest of the first artifact to the second's cosign tag.
    RegistryClient client = new RegistryClient(REGISTRY.host(), REGISTRY.settings());
    byte[] sig =
        client.fetchManifest("tools/replayed", first.manifestDigest().tagForm() + ".sig").bytes();
    client.pushManifest(
        "tools/replayed", second.manifestDigest().tagForm() + ".sig", sig, MediaTypes.OCI_MANIFEST);

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                oci.pull(
                    "oci://" + REGISTRY.host() + "/tools/replayed:b", InstallOptions.VERIFIED));

    assertTrue(
        e.getMessage()
            .contains("is for " + first.manifestDigest() + ", not " + second.manifestDigest()),
        e.getMessage());
  }

  @Test
  void aSignatureMadeForAnotherRepositoryIsRefusedForTheSameDigest() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    OciComponents.PushResult moved = oci.push(adder, Optional.empty(), ref("tools/moved:1"));
    oci.sign(ref("tools/moved:1"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    // The same manifest, and moved's valid signature manifest, copied into another repository.
    RegistryClient client = new RegistryClient(REGISTRY.host(), REGISTRY.settings());
    OciComponents.PushResult victim = oci.push(adder, Optional.empty(), ref("tools/victim:2"));
    assertEquals(moved.manifestDigest(), victim.manifestDigest());
    byte[] sig =
        client.fetchManifest("tools/moved", moved.manifestDigest().tagForm() + ".sig").bytes();
    for (Descriptor layer : ImageManifest.parse(sig, "sig").layers()) {
      client.pushBlob("tools/victim", client.fetchSmallBlob("tools/moved", layer));
    }
    Descriptor config = ImageManifest.parse(sig, "sig").config();
    client.pushBlob("tools/victim", client.fetchSmallBlob("tools/moved", config));
    client.pushManifest(
        "tools/victim", victim.manifestDigest().tagForm() + ".sig", sig, MediaTypes.OCI_MANIFEST);

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                oci.pull("oci://" + REGISTRY.host() + "/tools/victim:2", InstallOptions.VERIFIED));

    assertTrue(
        e.getMessage()
            .contains(
                "by "
                    + trusted
                    + " is for the repository "
                    + REGISTRY.host()
                    + "/tools/moved, not "
                    + REGISTRY.host()
                    + "/tools/victim"),
        e.getMessage());
    assertEquals(
        moved.componentDigest(),
        oci.pull("oci://" + REGISTRY.host() + "/tools/moved:1", InstallOptions.VERIFIED).digest());
  }

  @Test
  void aSignatureVerifiedInOneRepositoryIsNotReusedForTheSameDigestInAnother() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    OciComponents.PushResult signed = oci.push(numbers, Optional.empty(), ref("tools/signed:1"));
    oci.sign(ref("tools/signed:1"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    oci.pull("oci://" + REGISTRY.host() + "/tools/signed:1", InstallOptions.VERIFIED);
    OciComponents.PushResult unsigned =
        oci.push(numbers, Optional.empty(), ref("tools/unsigned:1"));
    assertEquals(signed.manifestDigest(), unsigned.manifestDigest());

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                oci.pull(
                    "oci://" + REGISTRY.host() + "/tools/unsigned:1", InstallOptions.VERIFIED));

    assertTrue(
        e.getMessage().contains("found: no signature (no cosign tag, no sigstore bundle referrer)"),
        e.getMessage());
  }

  @Test
  void tamperedManifestIsRefused() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    Path unique = Fixtures.uniqueComponent(work, "adder.component.wasm", "tampered-manifest");
    OciComponents.PushResult pushed =
        oci.push(unique, Optional.empty(), ref("tools/tampered-manifest:1"));
    oci.sign(
        ref("tools/tampered-manifest:1"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    Fixtures.replaceInFile(
        REGISTRY.blobData(pushed.manifestDigest()),
        "tampered-manifest-adder",
        "tampered-manifest-adderX");

    VerificationException byTag =
        assertThrows(
            VerificationException.class,
            () ->
                oci.pull(
                    "oci://" + REGISTRY.host() + "/tools/tampered-manifest:1",
                    InstallOptions.VERIFIED));
    VerificationException byDigest =
        assertThrows(
            VerificationException.class,
            () ->
                oci.pull(
                    "oci://"
                        + REGISTRY.host()
                        + "/tools/tampered-manifest@"
                        + pushed.manifestDigest(),
                    InstallOptions.VERIFIED));

    assertTrue(
        byTag
            .getMessage()
            .contains(
                "the registry says its digest is "
                    + pushed.manifestDigest()
                    + " but the content hashes to sha256:"),
        byTag.getMessage());
    assertTrue(byDigest.getMessage().contains("does not match its digest"), byDigest.getMessage());
    assertFalse(
        Files.exists(dataDir.resolve("oci/blobs/sha256").resolve(pushed.componentDigest().hex())));
  }

  @Test
  void tamperedBlobIsRefusedAndLeavesNothingInTheCache() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    Path unique = Fixtures.uniqueComponent(work, "numbers.component.wasm", "tampered-blob");
    OciComponents.PushResult pushed =
        oci.push(unique, Optional.empty(), ref("tools/tampered-blob:1"));
    oci.sign(ref("tools/tampered-blob:1"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    Fixtures.flipLastByte(REGISTRY.blobData(pushed.componentDigest()));

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                oci.pull(
                    "oci://" + REGISTRY.host() + "/tools/tampered-blob:1",
                    InstallOptions.VERIFIED));

    assertEquals(
        "blob "
            + REGISTRY.host()
            + "/tools/tampered-blob@"
            + pushed.componentDigest()
            + " does not match its digest (tampered or corrupted in the registry or in transit)",
        e.getMessage());
    assertFalse(
        Files.exists(dataDir.resolve("oci/blobs/sha256").resolve(pushed.componentDigest().hex())));
    assertEquals(List.of(), Fixtures.list(dataDir.resolve("oci/tmp")));
  }

  @Test
  void tagMovedAfterVerificationDoesNotChangeWhatIsInstalled() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    oci.push(adder, Optional.empty(), ref("tools/moving:stable"));
    oci.sign(ref("tools/moving:stable"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    ResolvedComponent resolved = oci.resolve(ref("tools/moving:stable"), InstallOptions.VERIFIED);

    OciComponents.PushResult moved =
        oci.push(numbers, Optional.empty(), ref("tools/moving:stable"));
    InstalledComponent installed = oci.install(resolved);

    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
    assertEquals(Optional.of(resolved.manifestDigest()), installed.manifestDigest());
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> oci.resolve(ref("tools/moving:stable"), InstallOptions.VERIFIED));
    assertTrue(
        e.getMessage()
            .startsWith(
                "refusing " + ref("tools/moving:stable").withDigest(moved.manifestDigest())),
        e.getMessage());
  }

  @Test
  void cacheHitIsReverifiedAgainstDigestAndCurrentTrust() throws Exception {
    OciComponents oci = oci(trustingPublisher());
    OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref("tools/cached:1"));
    oci.sign(ref("tools/cached:1"), signingKey, PASSWORD, SignatureFormat.COSIGN_CLASSIC);
    String pinned = "oci://" + REGISTRY.host() + "/tools/cached@" + pushed.manifestDigest();
    InstalledComponent first = oci.pull(pinned, InstallOptions.VERIFIED);
    Fixtures.flipLastByte(first.component());

    InstalledComponent second = oci.pull(pinned, InstallOptions.VERIFIED);
    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(second.component()));

    CosignKeys.GeneratedKeys other =
        CosignKeys.keygen(work.resolve("rotated"), Keys.KeyType.ECDSA_P384, PASSWORD);
    OciComponents rotated =
        new OciComponents(
            dataDir,
            REGISTRY.settings(),
            TrustPolicy.empty()
                .trust(REGISTRY.host() + "/tools", TrustedKey.read(other.publicKey())));
    VerificationException e =
        assertThrows(
            VerificationException.class, () -> rotated.pull(pinned, InstallOptions.VERIFIED));
    assertTrue(e.getMessage().contains("does not verify with any trusted key"), e.getMessage());
  }

  @Test
  void verifyChecksOnlyTheGivenKeys() throws Exception {
    OciComponents oci = oci(TrustPolicy.empty());
    OciComponents.PushResult pushed = oci.push(adder, Optional.empty(), ref("tools/verify:1"));
    oci.sign(ref("tools/verify:1"), signingKey, PASSWORD, SignatureFormat.SIGSTORE_BUNDLE);

    VerifiedSignature ok = oci.verify(ref("tools/verify:1"), List.of(trusted));
    assertTrue(ok.verified());

    CosignKeys.GeneratedKeys other =
        CosignKeys.keygen(work.resolve("o"), Keys.KeyType.RSA_3072, PASSWORD);
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> oci.verify(ref("tools/verify:1"), List.of(TrustedKey.read(other.publicKey()))));
    assertTrue(
        e.getMessage()
            .startsWith(
                "refusing "
                    + ref("tools/verify:1").withDigest(pushed.manifestDigest())
                    + ": expected a signature by RSA-3072 SHA256:"),
        e.getMessage());
  }

  @Test
  void localFileSourceIsCopiedIntoTheCache() throws Exception {
    OciComponents oci = oci(TrustPolicy.empty());
    InstalledComponent installed = oci.pull(adder.toUri().toString(), InstallOptions.VERIFIED);
    assertArrayEquals(Files.readAllBytes(adder), Files.readAllBytes(installed.component()));
    assertEquals("local file: no signature checked", installed.signature().description());
  }

  @Test
  void layerLargerThanTheLimitIsRefusedBeforeDownload() throws Exception {
    OciComponents.PushResult pushed =
        oci(TrustPolicy.empty()).push(adder, Optional.empty(), ref("dev/large:1"));
    OciComponents limited =
        new OciComponents(
            dataDir, REGISTRY.settings().withMaxComponentBytes(1000), TrustPolicy.empty());

    OciException e =
        assertThrows(
            OciException.class,
            () -> limited.pull(ref("dev/large:1").toString(), InstallOptions.ALLOW_UNSIGNED));

    assertEquals(
        ref("dev/large:1").withDigest(pushed.manifestDigest())
            + ": layer "
            + pushed.componentDigest()
            + " declares "
            + Files.size(adder)
            + " bytes, more than the limit of 1000 bytes for a component",
        e.getMessage());
    assertFalse(
        Files.exists(dataDir.resolve("oci/blobs/sha256").resolve(pushed.componentDigest().hex())));
  }

  @Test
  void nonWasmPushIsRefused() throws IOException {
    Path text = work.resolve("not.wasm");
    Files.writeString(text, "hello", StandardCharsets.UTF_8);
    OciException e =
        assertThrows(
            OciException.class,
            () -> oci(TrustPolicy.empty()).push(text, Optional.empty(), ref("tools/x:1")));
    assertEquals(text + " is not a WebAssembly binary (no \\0asm header)", e.getMessage());
  }
}
