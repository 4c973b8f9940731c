package dev.corral.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Content-addressed cache under {@code <dataDir>/oci}: {@code blobs/sha256/<hex>} for manifests and
 * layers, {@code signatures/sha256/<hex>/<repository hash>.json} for signatures that verified for a
 * manifest in one repository. Files appear only complete and verified (written to {@code tmp/},
 * hashed, then atomically renamed); every read re-hashes, and a file that no longer matches its
 * name is deleted and treated as absent.
 */
public final class ContentStore {
  private static final Logger log = LoggerFactory.getLogger(ContentStore.class);

  private final Path root;

  /** Writes content into a temporary file. */
  @FunctionalInterface
  interface Download {
    void into(Path temp) throws OciException;
  }

  public ContentStore(Path dataDir) {
    this.root = dataDir.resolve("oci");
  }

  private volatile boolean swept;

  public Path root() {
    return root;
  }

  Path blobPath(Digest digest) {
    return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  /** Where downloads in progress go; abandoned ones (a killed process's) are swept on first use. */
  Path tempDir() {
    Path tmp = root.resolve("tmp");
    if (!swept) {
      swept = true;
      StalePartialFiles.sweep(tmp);
    }
    return tmp;
  }

  /** The cached blob, if present and still hashing to its digest (and of {@code size}, if >= 0). */
  Optional<Path> verifiedBlob(Digest digest, long size) throws OciException {
    Path path = blobPath(digest);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      if ((size >= 0 && Files.size(path) != size) || !digest.matches(path)) {
        log.warn("cached {} does not match its digest; discarding it", path);
        Files.deleteIfExists(path);
        return Optional.empty();
      }
    } catch (IOException e) {
      throw new OciException("cannot read cache file " + path + ": " + e.getMessage(), e);
    }
    return Optional.of(path);
  }

  Optional<byte[]> verifiedBytes(Digest digest) throws OciException {
    Optional<Path> path = verifiedBlob(digest, -1);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(path.get());
      return digest.matches(bytes) ? Optional.of(bytes) : Optional.empty();
    } catch (IOException e) {
      throw new OciException("cannot read cache file " + path.get() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Downloads into a temp file, checks the digest, renames into place; nothing is left behind on
   * failure.
   */
  Path store(Digest digest, Download download) throws OciException {
    Path target = blobPath(digest);
    try {
      Files.createDirectories(target.getParent());
      Files.createDirectories(tempDir());
      AtomicFiles.write(
          target,
          tempDir(),
          ".partial",
          temp -> {
            download.into(temp);
            if (!digest.matches(temp)) {
              throw new VerificationException(
                  "content stored for " + digest + " does not hash to it");
            }
          });
      return target;
    } catch (IOException e) {
      throw new OciException("cannot write cache file " + target + ": " + e.getMessage(), e);
    }
  }

  Path storeBytes(byte[] bytes) throws OciException {
    Digest digest = Digest.sha256(bytes);
    return store(
        digest,
        temp -> {
          try {
            Files.write(temp, bytes);
          } catch (IOException e) {
            throw new OciException("cannot write " + temp + ": " + e.getMessage(), e);
          }
        });
  }

  /**
   * Signatures cached for a manifest digest as found in {@code repository} (normalised {@code
   * registry/repository}; verified when stored, re-verified by the caller on use). They are kept
   * per repository: the same digest in another repository has its own signatures.
   */
  List<SignatureRecord> signatures(String repository, Digest manifest) throws OciException {
    Path file = signaturePath(repository, manifest);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return parseSignatures(Files.readAllBytes(file), file.toString());
    } catch (IOException | OciException e) {
      log.warn("ignoring unreadable cached signatures {}: {}", file, e.getMessage());
      return List.of();
    }
  }

  /**
   * Parses a cached signatures file ({@code {"signatures":[…]}}, see {@link
   * SignatureRecord#toJson}).
   */
  static List<SignatureRecord> parseSignatures(byte[] bytes, String where) throws OciException {
    JsonNode root = Json.parse(bytes, "cached signatures " + where);
    List<SignatureRecord> records = new ArrayList<>();
    try {
      ArrayNode list = Json.array(root, "signatures", "$");
      for (int i = 0; i < list.size(); i++) {
        records.add(SignatureRecord.fromJson(list.get(i), "$.signatures[" + i + "]"));
      }
    } catch (OciException e) {
      throw new OciException("cached signatures " + where + ": " + e.getMessage(), e);
    }
    return records;
  }

  void storeSignatures(String repository, Digest manifest, List<SignatureRecord> records)
      throws OciException {
    var root = Json.object();
    ArrayNode list = root.putArray("signatures");
    records.forEach(r -> list.add(r.toJson()));
    byte[] bytes = Json.bytes(root);
    Path file = signaturePath(repository, manifest);
    try {
      Files.createDirectories(file.getParent());
      Files.createDirectories(tempDir());
      AtomicFiles.write(file, tempDir(), ".partial", temp -> Files.write(temp, bytes));
    } catch (IOException e) {
      throw new OciException("cannot write cache file " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code signatures/<algorithm>/<manifest hex>/<sha256 hex of registry/repository>.json}. */
  private Path signaturePath(String repository, Digest manifest) {
    return root.resolve("signatures")
        .resolve(manifest.algorithm())
        .resolve(manifest.hex())
        .resolve(
            Digest.sha256(repository.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex()
                + ".json");
  }
}
