package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk entry format of {@link CodeCache}: what verifies, and what is refused and deleted.
 */
class CodeCacheTest {
  private static final String KEY = "sha256:0f1e2d";
  private static final byte[] PAYLOAD = "compiled classes".getBytes(StandardCharsets.UTF_8);

  @TempDir Path root;

  @Test
  void entriesLiveUnderTheChicoryVersion() {
    CodeCache cache = CodeCache.onDisk(root);
    assertEquals(root.resolve("chicory-1.7.5"), cache.directory().orElseThrow());
    assertTrue(CodeCache.none().directory().isEmpty());
    assertTrue(CodeCache.none().chicory().isEmpty());
  }

  @Test
  void storesAndReadsBack() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    assertNull(cache.read(KEY));
    assertFalse(cache.contains(KEY));
    cache.write(KEY, PAYLOAD);
    assertArrayEquals(PAYLOAD, cache.read(KEY));
    assertTrue(cache.contains(KEY));
    assertArrayEquals(
        PAYLOAD, CodeCache.onDisk(root).chicory().orElseThrow().get(KEY), "as Chicory sees it");
  }

  @Test
  void keepsTheFirstEntry() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    cache.write(KEY, PAYLOAD);
    cache.write(KEY, "other".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(PAYLOAD, cache.read(KEY));
    try (var files = Files.list(cache.directory().orElseThrow())) {
      assertEquals(1, files.count(), "no partial files left behind");
    }
  }

  @Test
  void everyFlippedByteIsDetectedAndTheEntryDeleted() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    cache.write(KEY, PAYLOAD);
    Path entry = cache.entry(KEY);
    byte[] good = Files.readAllBytes(entry);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      Files.write(entry, bad);
      assertNull(cache.read(KEY), "byte " + i + " flipped");
      assertFalse(Files.exists(entry), "byte " + i + " flipped: the entry is deleted");
    }
  }

  @Test
  void truncatedOrExtendedEntriesAreRefused() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    cache.write(KEY, PAYLOAD);
    Path entry = cache.entry(KEY);
    byte[] good = Files.readAllBytes(entry);
    for (int length : new int[] {0, 5, good.length / 2, good.length - 1}) {
      Files.write(entry, Arrays.copyOf(good, length));
      assertNull(cache.read(KEY), "truncated to " + length);
      assertFalse(Files.exists(entry));
    }
    Files.write(entry, Arrays.copyOf(good, good.length + 1));
    assertNull(cache.read(KEY), "one byte too many");
  }

  @Test
  void anEntryForAnotherKeyIsRefused() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    cache.write("sha256:other", PAYLOAD);
    Files.createDirectories(cache.entry(KEY).getParent());
    Files.copy(cache.entry("sha256:other"), cache.entry(KEY));
    assertNull(cache.read(KEY));
    assertArrayEquals(PAYLOAD, cache.read("sha256:other"));
  }
}
