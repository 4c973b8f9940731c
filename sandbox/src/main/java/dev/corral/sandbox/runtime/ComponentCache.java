package dev.corral.sandbox.runtime;

import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.error.LinkException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles each distinct component binary once: components with the same SHA-256 digest share one
 * {@link CompiledComponent} (its parsed and validated core modules, and their compiled code).
 * Thread-safe; a failed compilation is not cached.
 *
 * <pre>{@code
 * ComponentCache cache = new ComponentCache(Execution.TIERED);
 * CompiledComponent c = cache.compile(bytes);   // decodes, parses, validates only on a miss
 * }</pre>
 */
public final class ComponentCache {
  private final Execution execution;
  private final CodeCache codeCache;
  private final Map<String, CompiledComponent> byDigest = new ConcurrentHashMap<>();

  public ComponentCache(Execution execution) {
    this(execution, CodeCache.none());
  }

  /** A cache whose components keep their compiled code in {@code codeCache} across runs. */
  public ComponentCache(Execution execution, CodeCache codeCache) {
    this.execution = Objects.requireNonNull(execution, "execution");
    this.codeCache = Objects.requireNonNull(codeCache, "codeCache");
  }

  /** The compiled component for {@code bytes}, compiling it if no binary with its digest was. */
  public CompiledComponent compile(byte[] bytes) throws ComponentDecodeException, LinkException {
    String digest = digest(bytes);
    CompiledComponent cached = byDigest.get(digest);
    if (cached != null) {
      return cached;
    }
    CompiledComponent compiled = CompiledComponent.compile(bytes, execution, codeCache);
    CompiledComponent raced = byDigest.putIfAbsent(digest, compiled);
    return raced != null ? raced : compiled;
  }

  /** How many distinct binaries are cached. */
  public int size() {
    return byDigest.size();
  }

  /** {@code sha256:} and the lowercase hex SHA-256 of {@code bytes}. */
  public static String digest(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
