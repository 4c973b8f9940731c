package dev.corral.oci;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes signatures stored next to an artifact in its repository: cosign's classic {@code
 * sha256-<hex>.sig} tag, and sigstore bundles found through the referrers API or its {@code
 * sha256-<hex>} fallback tag.
 */
final class RegistrySignatures {
  private static final Logger log = LoggerFactory.getLogger(RegistrySignatures.class);

  /** The OCI empty descriptor's content. */
  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

  private final RegistryClient client;
  private final String repository;

  RegistrySignatures(RegistryClient client, String repository) {
    this.client = client;
    this.repository = repository;
  }

  /** All signatures found for {@code digest}; unreadable ones are reported in {@code problems}. */
  List<SignatureRecord> find(Digest digest, List<String> problems) throws OciException {
    List<SignatureRecord> found = new ArrayList<>();
    String cosignTag = digest.tagForm() + ".sig";
    Optional<RegistryClient.FetchedManifest> sig =
        client.fetchManifestIfPresent(repository, cosignTag);
    if (sig.isPresent()) {
      try {
        ImageManifest manifest = ImageManifest.parse(sig.get().bytes(), "at tag " + cosignTag);
        for (int i = 0; i < manifest.layers().size(); i++) {
          Descriptor layer = manifest.layers().get(i);
          String origin = "tag " + cosignTag + ", layer " + i;
          String annotation = layer.annotations().get(MediaTypes.COSIGN_SIGNATURE_ANNOTATION);
          if (!layer.mediaType().equals(MediaTypes.COSIGN_SIMPLE_SIGNING) || annotation == null) {
            problems.add(origin + " is not a cosign simple signing layer");
            continue;
          }
          byte[] signature;
          try {
            signature = Base64.getDecoder().decode(annotation);
          } catch (IllegalArgumentException e) {
            problems.add(origin + ": signature annotation is not base64");
            continue;
          }
          found.add(
              new SignatureRecord.Cosign(
                  client.fetchSmallBlob(repository, layer), signature, origin));
        }
      } catch (OciException e) {
        problems.add(e.getMessage());
      }
    }
    Optional<ImageIndex> referrers = client.referrers(repository, digest);
    String via = "referrers API";
    if (referrers.isEmpty()) {
      via = "referrers tag " + digest.tagForm();
      Optional<RegistryClient.FetchedManifest> index =
          client.fetchManifestIfPresent(repository, digest.tagForm());
      if (index.isPresent()) {
        try {
          referrers =
              Optional.of(ImageIndex.parse(index.get().bytes(), "at tag " + digest.tagForm()));
        } catch (OciException e) {
          problems.add(e.getMessage());
        }
      }
    }
    for (Descriptor referrer : referrers.map(ImageIndex::manifests).orElse(List.of())) {
      if (!MediaTypes.SIGSTORE_BUNDLE_V03.equals(referrer.artifactType())) {
        continue;
      }
      String origin = via + ", manifest " + referrer.digest();
      try {
        ImageManifest manifest =
            ImageManifest.parse(
                client.fetchManifest(repository, referrer.digest().toString()).bytes(), origin);
        if (manifest.subject() == null || !manifest.subject().digest().equals(digest)) {
          problems.add(origin + " has a different subject");
          continue;
        }
        for (Descriptor layer : manifest.layers()) {
          if (layer.mediaType().equals(MediaTypes.SIGSTORE_BUNDLE_V03)) {
            found.add(new SignatureRecord.Bundle(client.fetchSmallBlob(repository, layer), origin));
          }
        }
      } catch (OciException e) {
        problems.add(e.getMessage());
      }
    }
    log.debug(
        "found {} signature(s) for {}/{}@{}", found.size(), client.registry(), repository, digest);
    return found;
  }

  /**
   * Adds a cosign classic signature for {@code digest} under {@code sha256-<hex>.sig}, keeping
   * existing ones.
   */
  Digest publishCosign(String name, Digest digest, KeyPair key) throws OciException {
    byte[] payload = SimpleSigningPayload.create(name, digest);
    byte[] signature = Keys.sign(key.getPrivate(), key.getPublic(), payload);
    Descriptor layer =
        Descriptor.of(MediaTypes.COSIGN_SIMPLE_SIGNING, payload)
            .withAnnotations(
                Map.of(
                    MediaTypes.COSIGN_SIGNATURE_ANNOTATION,
                    Base64.getEncoder().encodeToString(signature)));
    String tag = digest.tagForm() + ".sig";
    List<Descriptor> layers = new ArrayList<>();
    Optional<RegistryClient.FetchedManifest> existing =
        client.fetchManifestIfPresent(repository, tag);
    if (existing.isPresent()) {
      layers.addAll(ImageManifest.parse(existing.get().bytes(), "at tag " + tag).layers());
    }
    layers.add(layer);
    client.pushBlob(repository, payload);
    ObjectNode config = Json.object();
    config.put("architecture", "");
    config.put("created", "0001-01-01T00:00:00Z");
    config.putArray("history").addObject().put("created", "0001-01-01T00:00:00Z");
    config.put("os", "");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    var diffIds = rootfs.putArray("diff_ids");
    layers.forEach(l -> diffIds.add(l.digest().toString()));
    config.putObject("config");
    byte[] configBytes = Json.bytes(config);
    client.pushBlob(repository, configBytes);
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            null,
            Descriptor.of(MediaTypes.OCI_IMAGE_CONFIG, configBytes),
            layers,
            null,
            Map.of());
    return client.pushManifest(repository, tag, manifest.toBytes(), MediaTypes.OCI_MANIFEST);
  }

  /**
   * Pushes a sigstore bundle as a referrer of {@code subject} and lists it in the {@code
   * sha256-<hex>} fallback index (registries without the referrers API).
   */
  Digest publishBundle(String name, Descriptor subject, KeyPair key) throws OciException {
    byte[] bundle = SigstoreBundle.create(name, subject.digest(), key);
    client.pushBlob(repository, bundle);
    client.pushBlob(repository, EMPTY_JSON);
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            MediaTypes.SIGSTORE_BUNDLE_V03,
            Descriptor.of(MediaTypes.OCI_EMPTY, EMPTY_JSON),
            List.of(Descriptor.of(MediaTypes.SIGSTORE_BUNDLE_V03, bundle)),
            subject,
            Map.of());
    byte[] manifestBytes = manifest.toBytes();
    Digest manifestDigest = Digest.sha256(manifestBytes);
    client.pushManifest(
        repository, manifestDigest.toString(), manifestBytes, MediaTypes.OCI_MANIFEST);

    String tag = subject.digest().tagForm();
    List<Descriptor> entries = new ArrayList<>();
    Optional<RegistryClient.FetchedManifest> existing =
        client.fetchManifestIfPresent(repository, tag);
    if (existing.isPresent()) {
      entries.addAll(ImageIndex.parse(existing.get().bytes(), "at tag " + tag).manifests());
    }
    entries.add(
        new Descriptor(
            MediaTypes.OCI_MANIFEST,
            manifestDigest,
            manifestBytes.length,
            MediaTypes.SIGSTORE_BUNDLE_V03,
            Map.of()));
    client.pushManifest(repository, tag, new ImageIndex(entries).toBytes(), MediaTypes.OCI_INDEX);
    return manifestDigest;
  }
}
