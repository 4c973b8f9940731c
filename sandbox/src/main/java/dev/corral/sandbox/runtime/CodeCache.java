package dev.corral.sandbox.runtime;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where compiled core modules (the JVM classes Chicory's compiler makes from them) are kept between
 * runs: {@link #none()}, or {@link #onDisk(Path) a directory}, one file per core module keyed by
 * the module's digest, under a subdirectory named for the Chicory version that compiled it.
 *
 * <p>Each file holds the key, the payload and the SHA-256 of both; an entry that does not verify
 * (truncated, bit-flipped, written for another key or format) is logged, deleted and treated as
 * missing, so the module is compiled again. Entries are written to a temporary file and moved into
 * place, so readers never see half an entry. The checksum detects corruption, not tampering: the
 * directory must be writable only by the user running Corral, like the jar itself.
 */
public final class CodeCache {
  private static final Logger log = LoggerFactory.getLogger(CodeCache.class);
  private static final byte[] MAGIC = "CORRAL-CODE\u0000".getBytes(StandardCharsets.US_ASCII);

  /** The entry layout; bump when it, or the compiler options Corral uses, change. */
  private static final int FORMAT = 1;

  private static final int DIGEST_BYTES = 32;

  /** Key prefix of the entries that record a component whose core modules all validated. */
  private static final String VALIDATED = "validated ";

  private final Path directory;

  private CodeCache(Path directory) {
    this.directory = directory;
  }

  /** No cache: every run compiles again. */
  public static CodeCache none() {
    return new CodeCache(null);
  }

  /**
   * A cache in {@code root} (created when first written), for example {@code
   * $XDG_CACHE_HOME/corral}; entries go under {@code root/chicory-VERSION}.
   */
  public static CodeCache onDisk(Path root) {
    return new CodeCache(
        Objects.requireNonNull(root, "root").resolve("chicory-" + chicoryVersion()));
  }

  /** The directory entries are kept in, if this cache is on disk. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** The file that holds the compiled code of the core module with Chicory digest {@code key}. */
  Path entry(String key) {
    return directory.resolve(sha256Hex(key.getBytes(StandardCharsets.UTF_8)) + ".classes");
  }

  /** Whether a verified entry for {@code key} exists (a bad one is deleted). */
  boolean contains(String key) {
    return directory != null && read(key) != null;
  }

  /**
   * Whether an earlier run parsed and validated every core module of the component with digest
   * {@code componentDigest} (its {@code sha256:} digest), so this run may parse them lazily.
   */
  public boolean isValidated(String componentDigest) {
    return directory != null && read(VALIDATED + componentDigest) != null;
  }

  /**
   * Records that every core module of the component {@code componentDigest} parsed and validated.
   */
  public void markValidated(String componentDigest) {
    if (directory != null) {
      write(VALIDATED + componentDigest, new byte[0]);
    }
  }

  /** This cache in the form Chicory's compiler takes, or empty for {@link #none()}. */
  Optional<Cache> chicory() {
    if (directory == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Cache() {
          @Override
          public byte[] get(String key) {
            return read(key);
          }

          @Override
          public void putIfAbsent(String key, byte[] data) {
            write(key, data);
          }
        });
  }

  /** The verified payload stored for {@code key}, or null (a bad entry is logged and deleted). */
  byte[] read(String key) {
    Path file = entry(key);
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      log.warn("cannot read compiled-code cache entry {}: {}", file, e.toString());
      return null;
    }
    String problem = null;
    byte[] payload = null;
    try {
      ByteBuffer in = ByteBuffer.wrap(raw);
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        problem = "not a Corral compiled-code entry";
      } else if (in.getInt() != FORMAT) {
        problem = "written in another format";
      } else {
        byte[] storedKey = new byte[length(in)];
        in.get(storedKey);
        payload = new byte[length(in)];
        in.get(payload);
        byte[] checksum = new byte[DIGEST_BYTES];
        in.get(checksum);
        if (in.hasRemaining()) {
          problem = "trailing bytes after the checksum";
        } else if (!MessageDigest.isEqual(checksum, checksum(storedKey, payload))) {
          problem = "checksum mismatch";
        } else if (!key.equals(new String(storedKey, StandardCharsets.UTF_8))) {
          problem = "it holds another module's code";
        }
      }
    } catch (RuntimeException e) { // BufferUnderflowException, NegativeArraySizeException...
      problem = "truncated or malformed";
    }
    if (problem == null) {
      return payload;
    }
    log.warn("ignoring compiled-code cache entry {}: {}; compiling again", file, problem);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", file, e.toString());
    }
    return null;
  }

  /**
   * A length field, no larger than the bytes left (a corrupted one must not allocate gigabytes).
   */
  private static int length(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("length " + length + " past the end");
    }
    return length;
  }

  /** Stores {@code payload} for {@code key} unless an entry exists; failures are logged only. */
  void write(String key, byte[] payload) {
    Path file = entry(key);
    if (Files.exists(file)) {
      return;
    }
    try {
      Files.createDirectories(directory);
      byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream bytes =
          new ByteArrayOutputStream(payload.length + keyBytes.length + 64);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.write(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(keyBytes.length);
        out.write(keyBytes);
        out.writeInt(payload.length);
        out.write(payload);
        out.write(checksum(keyBytes, payload));
      }
      AtomicFiles.write(file, bytes.toByteArray());
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot store compiled code in {}: {}", file, e.toString());
    }
  }

  private static byte[] checksum(byte[] key, byte[] payload) {
    MessageDigest sha = sha256();
    sha.update(key);
    sha.update(payload);
    return sha.digest();
  }

  private static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The Chicory compiler's version from its Maven metadata (kept in Corral's shaded jar), or else a
   * digest of its main class, so that code compiled by one Chicory is never loaded by another.
   */
  static String chicoryVersion() {
    try (InputStream in =
        MachineFactoryCompiler.class.getResourceAsStream(
            "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String version = p.getProperty("version");
        if (version != null && version.matches("[0-9A-Za-z.+-]+")) {
          return version;
        }
      }
    } catch (IOException e) {
      // fall through to the class digest
    }
    try (InputStream in =
        MachineFactoryCompiler.class.getResourceAsStream("MachineFactoryCompiler.class")) {
      return in == null ? "unknown" : sha256Hex(in.readAllBytes()).substring(0, 16);
    } catch (IOException e) {
      return "unknown";
    }
  }
}
