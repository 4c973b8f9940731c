package dev.corral.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Corral's entry point for components from registries and URLs: pull (resolve, verify, install into
 * the cache), push, sign, verify and key generation. Signatures are required by default: an OCI
 * artifact without a signature by a key the {@link TrustPolicy} names for its repository is refused
 * before any of its layers is downloaded.
 *
 * <pre>{@code
 * var oci = new OciComponents(dataDir, RegistrySettings.fromEnvironment(System.getenv()), trust);
 * InstalledComponent c = oci.pull("oci://ghcr.io/acme/adder:1.0", InstallOptions.VERIFIED);
 * byte[] wasm = Files.readAllBytes(c.component());
 * }</pre>
 */
public final class OciComponents {
  private static final Logger log = LoggerFactory.getLogger(OciComponents.class);
  private static final byte[] WASM_MAGIC = {0, 'a', 's', 'm'};

  private final ContentStore store;
  private final RegistrySettings settings;
  private final TrustPolicy trust;

  /**
   * The most bytes a policy beside a local component file may have (the policy parser's own limit).
   */
  static final int MAX_POLICY_BYTES = 1 << 20;

  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

  /**
   * @param dataDir Corral's data directory (e.g. {@code $XDG_DATA_HOME/corral}); the cache is
   *     {@code dataDir/oci}
   * @param settings registry transport and credentials
   * @param trust which keys are trusted for which repositories
   */
  public OciComponents(Path dataDir, RegistrySettings settings, TrustPolicy trust) {
    this.store = new ContentStore(dataDir);
    this.settings = settings;
    this.trust = trust;
  }

  public ContentStore store() {
    return store;
  }

  /**
   * Whether the trust policy names keys for {@code reference}'s repository, so that its signature
   * can be checked.
   */
  public boolean hasTrustedKeys(OciReference reference) {
    return trust.ruleFor(reference).isPresent();
  }

  /**
   * {@code corral pull} / {@code corral component load}: fetches {@code source} ({@code oci://…},
   * {@code file://…} or {@code https://…}) into the cache, verified.
   */
  public InstalledComponent pull(String source, InstallOptions options) throws OciException {
    if (source.startsWith("file:")) {
      return installLocal(localPath(source), source);
    }
    if (source.startsWith("https://")) {
      return installHttps(ServerUrls.absolute(source, "source"));
    }
    if (source.startsWith("http://")) {
      throw new OciException("refusing plain HTTP source " + source + "; use https:// or oci://");
    }
    return install(resolve(OciReference.parse(source), options));
  }

  /**
   * Resolves a reference to a manifest digest (a tag is resolved exactly once here), checks the
   * manifest against the digest and its signature against the trust policy, and only then parses
   * the manifest.
   */
  public ResolvedComponent resolve(OciReference reference, InstallOptions options)
      throws OciException {
    RegistryClient client = client(reference.registry());
    byte[] manifestBytes = null;
    Digest digest = reference.digest();
    if (digest != null) {
      manifestBytes = store.verifiedBytes(digest).orElse(null);
    }
    if (manifestBytes == null) {
      RegistryClient.FetchedManifest fetched =
          client.fetchManifest(reference.repository(), reference.manifestReference());
      manifestBytes = fetched.bytes();
      digest = fetched.digest();
    }
    OciReference pinned = reference.withDigest(digest);
    // The signature covers the digest: check it before parsing what an unknown publisher wrote.
    VerifiedSignature signature = checkSignature(client, pinned, options);
    ImageManifest manifest = ImageManifest.parse(manifestBytes, pinned.toString());
    WasmArtifact artifact = WasmArtifact.of(manifest, pinned.toString());
    store.storeBytes(manifestBytes);
    return new ResolvedComponent(pinned, digest, artifact, signature);
  }

  /**
   * Downloads the layers of a resolved component by digest into the cache (or reuses verified
   * cached copies).
   */
  public InstalledComponent install(ResolvedComponent resolved) throws OciException {
    OciReference ref = resolved.reference();
    Path component = fetchLayer(ref, resolved.artifact().component());
    if (!startsWithWasmMagic(component)) {
      throw new OciException(
          ref + ": the component layer is not a WebAssembly binary (no \\0asm header)");
    }
    Optional<Path> policy = Optional.empty();
    if (resolved.artifact().policy().isPresent()) {
      policy = Optional.of(fetchLayer(ref, resolved.artifact().policy().get()));
    }
    return new InstalledComponent(
        ref.toString(),
        resolved.artifact().component().digest(),
        component,
        policy,
        Optional.of(resolved.manifestDigest()),
        resolved.signature(),
        resolved.artifact().created());
  }

  /**
   * {@code corral verify --key PUB}: checks the signatures of {@code reference} against {@code
   * keys} only.
   */
  public VerifiedSignature verify(OciReference reference, List<TrustedKey> keys)
      throws OciException {
    RegistryClient client = client(reference.registry());
    Digest digest =
        reference.digest() != null
            ? reference.digest()
            : client.fetchManifest(reference.repository(), reference.tag()).digest();
    OciReference pinned = reference.withDigest(digest);
    List<String> problems = new ArrayList<>();
    List<SignatureRecord> records =
        new RegistrySignatures(client, reference.repository()).find(digest, problems);
    return SignatureVerifier.verify(records, keys, pinned, problems)
        .orElseThrow(
            () ->
                new VerificationException(
                    SignatureVerifier.refusal(pinned, keys, "--key", problems)));
  }

  /** The result of {@link #push}. */
  public record PushResult(OciReference reference, Digest manifestDigest, Digest componentDigest) {}

  /**
   * {@code corral push FILE oci://…}: uploads a component (and optional policy YAML) as a CNCF wasm
   * OCI artifact and tags it.
   */
  public PushResult push(Path componentFile, Optional<Path> policyFile, OciReference reference)
      throws OciException {
    byte[] wasm = LocalFile.read(componentFile, settings.maxComponentBytes(), "a component");
    if (wasm.length < 4 || !Arrays.equals(wasm, 0, 4, WASM_MAGIC, 0, 4)) {
      throw new OciException(componentFile + " is not a WebAssembly binary (no \\0asm header)");
    }
    RegistryClient client = client(reference.registry());
    String repo = reference.repository();
    Descriptor layer =
        Descriptor.of(MediaTypes.WASM_LAYER, wasm)
            .withAnnotations(
                Map.of("org.opencontainers.image.title", componentFile.getFileName().toString()));
    List<Descriptor> layers = new ArrayList<>(List.of(layer));
    client.pushBlob(repo, wasm);
    if (policyFile.isPresent()) {
      byte[] policy = LocalFile.read(policyFile.get(), MAX_POLICY_BYTES, "a policy");
      client.pushBlob(repo, policy);
      layers.add(
          Descriptor.of("application/vnd.wasm.policy.v1+yaml", policy)
              .withAnnotations(
                  Map.of(
                      "org.opencontainers.image.title",
                      policyFile.get().getFileName().toString())));
    }
    ObjectNode config = Json.object();
    config.put("architecture", "wasm");
    config.put("os", "wasip2");
    var digests = config.putArray("layerDigests");
    layers.forEach(l -> digests.add(l.digest().toString()));
    byte[] configBytes = Json.bytes(config);
    client.pushBlob(repo, configBytes);
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            null,
            Descriptor.of(MediaTypes.WASM_CONFIG, configBytes),
            layers,
            null,
            new LinkedHashMap<>());
    byte[] manifestBytes = manifest.toBytes();
    Digest digest =
        client.pushManifest(
            repo, reference.manifestReference(), manifestBytes, MediaTypes.OCI_MANIFEST);
    return new PushResult(reference.withDigest(digest), digest, layer.digest());
  }

  /**
   * {@code corral sign oci://… --key KEY}: signs the manifest the reference resolves to with a
   * cosign private key (encrypted with {@code password}, see {@link CosignKeys}); returns the
   * pinned reference that was signed.
   */
  public OciReference sign(
      OciReference reference, Path privateKeyFile, char[] password, SignatureFormat format)
      throws OciException {
    KeyPair key = CosignKeys.readPrivateKey(privateKeyFile, password);
    RegistryClient client = client(reference.registry());
    RegistryClient.FetchedManifest manifest =
        client.fetchManifest(reference.repository(), reference.manifestReference());
    OciReference pinned = reference.withDigest(manifest.digest());
    RegistrySignatures signatures = new RegistrySignatures(client, reference.repository());
    switch (format) {
      case COSIGN_CLASSIC -> signatures.publishCosign(reference.name(), manifest.digest(), key);
      case SIGSTORE_BUNDLE ->
          signatures.publishBundle(
              reference.name(),
              new Descriptor(
                  MediaTypes.OCI_MANIFEST,
                  manifest.digest(),
                  manifest.bytes().length,
                  null,
                  Map.of()),
              key);
    }
    log.info("signed {} with {}", pinned, Keys.fingerprint(key.getPublic()));
    return pinned;
  }

  /**
   * {@code corral keygen PREFIX}: writes {@code PREFIX.key} (cosign encrypted format) and {@code
   * PREFIX.pub}.
   */
  public static CosignKeys.GeneratedKeys keygen(Path prefix, char[] password) throws OciException {
    return CosignKeys.keygen(prefix, Keys.KeyType.ECDSA_P256, password);
  }

  /** Reads a PEM public key for {@link #verify}. */
  public static PublicKey readPublicKey(Path pem) throws OciException {
    return Keys.readPublicKey(pem);
  }

  // -----------------------------------------------------------------------------------

  private VerifiedSignature checkSignature(
      RegistryClient client, OciReference pinned, InstallOptions options) throws OciException {
    Optional<TrustPolicy.Rule> rule = trust.ruleFor(pinned);
    if (rule.isEmpty()) {
      String why = "no trusted key is configured for " + pinned.name();
      if (options.allowUnsigned()) {
        return allowUnsigned(pinned, why);
      }
      throw new VerificationException(
          "refusing "
              + pinned
              + ": "
              + why
              + "; add a trust policy rule with the publisher's public key, or pass --allow-unsigned for development");
    }
    List<TrustedKey> keys = rule.get().keys();
    Digest digest = pinned.digest();
    List<String> ignored = new ArrayList<>();
    String repository = RepositoryName.of(pinned);
    Optional<VerifiedSignature> cached =
        SignatureVerifier.verify(store.signatures(repository, digest), keys, pinned, ignored);
    if (cached.isPresent()) {
      return cached.get();
    }
    List<String> problems = new ArrayList<>();
    List<SignatureRecord> records =
        new RegistrySignatures(client, pinned.repository()).find(digest, problems);
    Optional<VerifiedSignature> verified =
        SignatureVerifier.verify(records, keys, pinned, problems);
    if (verified.isPresent()) {
      store.storeSignatures(repository, digest, records);
      return verified.get();
    }
    String refusal = SignatureVerifier.refusal(pinned, keys, rule.get().prefix(), problems);
    if (options.allowUnsigned()) {
      return allowUnsigned(pinned, refusal);
    }
    throw new VerificationException(refusal);
  }

  private static VerifiedSignature allowUnsigned(OciReference pinned, String why) {
    log.warn(
        "INSTALLING UNVERIFIED COMPONENT {} because unsigned installs are allowed: {}",
        pinned,
        why);
    return VerifiedSignature.unverified("UNVERIFIED (--allow-unsigned): " + why);
  }

  private Path fetchLayer(OciReference ref, Descriptor layer) throws OciException {
    Optional<Path> cached = store.verifiedBlob(layer.digest(), layer.size());
    if (cached.isPresent()) {
      return cached.get();
    }
    if (layer.size() > settings.maxComponentBytes()) {
      throw new OciException(
          ref
              + ": layer "
              + layer.digest()
              + " declares "
              + layer.size()
              + " bytes, more than the limit of "
              + settings.maxComponentBytes()
              + " bytes for a component");
    }
    RegistryClient client = client(ref.registry());
    return store.store(layer.digest(), temp -> client.fetchBlob(ref.repository(), layer, temp));
  }

  /** The file a {@code file:} source names; a URL that names no local file is refused. */
  static Path localPath(String source) throws OciException {
    try {
      return Path.of(new URI(source));
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
      throw new OciException(
          "not a local file URL (expected file:///absolute/path): '"
              + source
              + "': "
              + (e instanceof URISyntaxException syntax ? syntax.getReason() : e.getMessage()),
          e);
    }
  }

  private InstalledComponent installLocal(Path file, String source) throws OciException {
    byte[] bytes = LocalFile.read(file, settings.maxComponentBytes(), "a component");
    if (bytes.length < 4 || !Arrays.equals(bytes, 0, 4, WASM_MAGIC, 0, 4)) {
      throw new OciException(file + " is not a WebAssembly binary (no \\0asm header)");
    }
    Path stored = store.storeBytes(bytes);
    Optional<Path> policy = Optional.empty();
    Optional<byte[]> yaml =
        LocalFile.readIfPresent(policyBeside(file), MAX_POLICY_BYTES, "a policy");
    if (yaml.isPresent()) {
      policy = Optional.of(store.storeBytes(yaml.get()));
    }
    return new InstalledComponent(
        source,
        Digest.sha256(bytes),
        stored,
        policy,
        Optional.empty(),
        VerifiedSignature.unverified("local file: no signature checked"),
        Optional.empty());
  }

  /**
   * The policy that comes with a local component file: {@code NAME.policy.yaml} beside it, where
   * NAME is the file name without {@code .wasm}. It is copied into the cache when the component is,
   * so what is shown for approval is what gets installed.
   */
  public static Path policyBeside(Path componentFile) {
    String name = componentFile.getFileName().toString();
    String base =
        name.endsWith(".wasm") ? name.substring(0, name.length() - ".wasm".length()) : name;
    return componentFile.resolveSibling(base + ".policy.yaml");
  }

  private InstalledComponent installHttps(URI uri) throws OciException {
    Path temp = null;
    try {
      Files.createDirectories(store.tempDir());
      temp = Files.createTempFile(store.tempDir(), "https-", ".partial");
      new HttpsDownload(settings).into(uri, temp);
      if (!startsWithWasmMagic(temp)) {
        throw new OciException(uri + " is not a WebAssembly binary (no \\0asm header)");
      }
      Digest digest = Digest.sha256(temp);
      Path source = temp;
      Path stored =
          store.store(
              digest,
              target -> {
                try {
                  Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                  throw new OciException("cannot copy download: " + e.getMessage(), e);
                }
              });
      return new InstalledComponent(
          uri.toString(),
          digest,
          stored,
          Optional.empty(),
          Optional.empty(),
          VerifiedSignature.unverified("https download: no signature checked"),
          Optional.empty());
    } catch (IOException e) {
      throw new OciException("cannot store the download of " + uri + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  private RegistryClient client(String registry) {
    return clients.computeIfAbsent(registry, r -> new RegistryClient(r, settings));
  }

  private static boolean startsWithWasmMagic(Path file) throws OciException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(4), WASM_MAGIC);
    } catch (IOException e) {
      throw new OciException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
