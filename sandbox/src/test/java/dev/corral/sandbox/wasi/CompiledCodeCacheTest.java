package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.runtime.CodeCache;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ComponentCache;
import dev.corral.sandbox.runtime.Execution;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled code of the probe's core modules is kept on disk across {@link CompiledComponent}s
 * (as across runs), and a corrupted entry is ignored: the module is compiled again, the call gives
 * the same answer, and the entry is rewritten.
 */
class CompiledCodeCacheTest {
  @TempDir Path root;

  private static String echo(CodeCache cache, Execution execution, String text) throws Exception {
    SandboxedComponent probe =
        SandboxedComponent.of(
            CompiledComponent.compile(
                Components.bytes("corral/probe.component.wasm"), execution, cache));
    ResultValue r =
        (ResultValue)
            probe
                .call(
                    "run",
                    List.of(new StringValue("echo"), new StringValue(text)),
                    Capabilities.none())
                .value()
                .orElseThrow();
    assertTrue(r.isOk());
    return ((StringValue) r.payload().orElseThrow()).value();
  }

  private static List<Path> entries(CodeCache cache) throws Exception {
    Path dir = cache.directory().orElseThrow();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void compiledCodeIsStoredThenReused() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    assertEquals("one", echo(cache, Execution.COMPILED, "one"));
    List<Path> entries = entries(cache);
    assertFalse(entries.isEmpty(), "an entry per compiled core module");
    assertTrue(
        entries.stream().allMatch(p -> p.getFileName().toString().endsWith(".classes")),
        entries.toString());
    List<byte[]> before = new ArrayList<>();
    for (Path p : entries) {
      before.add(Files.readAllBytes(p));
    }
    // A new component from the same bytes, as in the next run: TIERED runs the cached code at once.
    assertEquals("two", echo(cache, Execution.TIERED, "two"));
    assertEquals("three", echo(cache, Execution.COMPILED, "three"));
    assertEquals(entries, entries(cache));
    for (int i = 0; i < entries.size(); i++) {
      assertArrayEquals(before.get(i), Files.readAllBytes(entries.get(i)), "entry unchanged");
    }
  }

  @Test
  void aCorruptedEntryIsIgnoredAndReplaced() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    assertEquals("first", echo(cache, Execution.COMPILED, "first"));
    List<Path> entries = entries(cache);
    List<byte[]> corrupted = new ArrayList<>();
    for (Path p : entries) {
      byte[] bytes = Files.readAllBytes(p);
      bytes[bytes.length / 2] ^= 0x40; // inside the class bytes
      Files.write(p, bytes);
      corrupted.add(bytes);
    }
    assertEquals("again", echo(cache, Execution.COMPILED, "again"));
    assertEquals(entries, entries(cache));
    for (int i = 0; i < entries.size(); i++) {
      assertFalse(
          Arrays.equals(corrupted.get(i), Files.readAllBytes(entries.get(i))), "entry rewritten");
    }
    assertEquals("third", echo(cache, Execution.TIERED, "third"));
  }

  @Test
  void aValidatedBinaryIsParsedLazilyNextTime() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    byte[] bytes = Components.bytes("corral/probe.component.wasm");
    String digest = ComponentCache.digest(bytes);
    assertFalse(cache.isValidated(digest));
    CompiledComponent.compile(bytes, Execution.TIERED, cache);
    assertTrue(cache.isValidated(digest));
    // The next load skips parsing until the first call, which still works.
    assertEquals("lazy", echo(cache, Execution.TIERED, "lazy"));
    assertEquals("lazy too", echo(cache, Execution.INTERPRETED, "lazy too"));
  }

  @Test
  void anInvalidCoreModuleIsRefusedAtLoadAndNeverMarked() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    byte[] component = {
      0x00,
      0x61,
      0x73,
      0x6d,
      0x0d,
      0x00,
      0x01,
      0x00, // component preamble
      0x01,
      0x0a, // core module section, 10 bytes
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0x00,
      0x00,
      0x00, // core module preamble
      0x01,
      0x7f // type section claiming 127 bytes that are not there
    };
    for (int i = 0; i < 2; i++) {
      LinkException e =
          assertThrows(
              LinkException.class,
              () -> CompiledComponent.compile(component, Execution.TIERED, cache));
      assertTrue(
          e.getMessage().startsWith("core module at byte offset 10 is invalid: "), e.getMessage());
    }
    assertFalse(cache.isValidated(ComponentCache.digest(component)));
  }

  @Test
  void noCacheWritesNothing() throws Exception {
    assertEquals("x", echo(CodeCache.none(), Execution.COMPILED, "x"));
    try (Stream<Path> files = Files.list(root)) {
      assertEquals(0, files.count());
    }
  }
}
