package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CompiledComponent#prepare} does ahead of the first call what that call would do first for
 * a binary an earlier run validated: parse its core modules and load their cached code.
 */
class PrepareTest {
  private static final byte[] PROBE = TestComponents.bytes("corral/probe.component.wasm");

  @TempDir Path root;

  private CodeCache warmCache() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    CompiledComponent first = CompiledComponent.compile(PROBE, Execution.COMPILED, cache);
    first.prepare(); // compiles every core module and stores the code
    assertEquals(first.modules().parsedCount(), first.modules().compiledCount());
    return cache;
  }

  @Test
  void aValidatedBinaryIsParsedAndItsCachedCodeLoadedByPrepare() throws Exception {
    CodeCache cache = warmCache();
    int modules =
        CompiledComponent.compile(PROBE, Execution.COMPILED, CodeCache.none())
            .modules()
            .parsedCount();
    CompiledComponent next = CompiledComponent.compile(PROBE, Execution.TIERED, cache);
    assertEquals(0, next.modules().parsedCount(), "parsing deferred at load");
    assertEquals(0, next.modules().compiledCount());
    next.prepare();
    assertEquals(modules, next.modules().parsedCount());
    assertEquals(
        modules, next.modules().compiledCount(), "cached code loaded, none compiled afresh");
    next.prepare();
    assertEquals(modules, next.modules().compiledCount(), "idempotent");
  }

  @Test
  void theInterpreterOnlyParses() throws Exception {
    CodeCache cache = warmCache();
    CompiledComponent next = CompiledComponent.compile(PROBE, Execution.INTERPRETED, cache);
    next.prepare();
    assertEquals(0, next.modules().compiledCount());
    assertEquals(
        CompiledComponent.compile(PROBE, Execution.INTERPRETED).modules().parsedCount(),
        next.modules().parsedCount());
  }

  @Test
  void compileAheadCompilesEveryLargeEnoughModuleAndStoresItsCode() throws Exception {
    CodeCache cache = CodeCache.onDisk(root);
    CompiledComponent arrived = CompiledComponent.compile(PROBE, Execution.TIERED, cache);
    int modules = arrived.modules().parsedCount();
    arrived.modules().compileAhead(arrived.component(), 0);
    assertEquals(modules, arrived.modules().compiledCount(), "compiled before any instance");
    CompiledComponent afterRestart = CompiledComponent.compile(PROBE, Execution.TIERED, cache);
    afterRestart.prepare();
    assertEquals(
        modules,
        afterRestart.modules().compiledCount(),
        "the next run loads the code the cache kept");
  }

  @Test
  void compileAheadLeavesSmallModulesToTierUp() throws Exception {
    CompiledComponent small =
        CompiledComponent.compile(PROBE, Execution.TIERED, CodeCache.onDisk(root));
    small.compileAhead();
    assertEquals(
        0, small.modules().compiledCount(), "the probe's modules have fewer than 1,000 functions");
  }

  @Test
  void tieredWithoutCachedCodeCompilesNothingAhead() throws Exception {
    CompiledComponent fresh = CompiledComponent.compile(PROBE, Execution.TIERED, CodeCache.none());
    fresh.prepare();
    assertEquals(0, fresh.modules().compiledCount(), "unused tools are never compiled");
  }
}
