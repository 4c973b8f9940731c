package dev.corral.sandbox.runtime;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.Definition;
import dev.corral.sandbox.error.LinkException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parsed core modules of a component and of every component nested in it, and for each the
 * machine factory its instances run on (see {@link Execution}): each module is compiled at most
 * once, on its first instantiation. Thread-safe.
 */
final class CoreModuleCache {
  private static final Logger log = LoggerFactory.getLogger(CoreModuleCache.class);

  /** Parsed modules; a module is absent until parsed (see {@link #deferParsing}). */
  private final Map<Definition.CoreModule, WasmModule> modules;

  private final Execution execution;
  private final CodeCache codeCache;

  /**
   * Whether an earlier run validated these modules, so that parsing may skip Chicory's validator.
   */
  private final boolean validatedBefore;

  /** Marks a module instantiated once, not yet being compiled ({@link Execution#TIERED}). */
  private static final CompletableFuture<Function<Instance, Machine>> NOT_YET_COMPILED =
      new CompletableFuture<>();

  /**
   * A module with at least this many functions (a JavaScript engine has ~12,000; Corral's C and
   * Rust samples under 300) is compiled ahead by {@link #compileAhead} and its compile reported:
   * interpreting it is slow and compiling it takes seconds to minutes. Smaller modules tier up as
   * they are used.
   */
  static final int LARGE_MODULE_FUNCTIONS = 1_000;

  /** The compiler recurses over nested blocks: give it room, like guest calls get. */
  private static final long COMPILER_STACK_BYTES = 64L << 20;

  private final Map<WasmModule, CompletableFuture<Function<Instance, Machine>>> machines =
      new IdentityHashMap<>();
  private final Map<WasmModule, MemorySizeHint> memorySizes = new IdentityHashMap<>();

  private CoreModuleCache(
      Map<Definition.CoreModule, WasmModule> modules,
      Execution execution,
      CodeCache codeCache,
      boolean validatedBefore) {
    this.modules = modules;
    this.execution = execution;
    this.codeCache = codeCache;
    this.validatedBefore = validatedBefore;
  }

  /**
   * Parses and validates every core module once; compiled code is looked up in, and stored to,
   * {@code codeCache}.
   */
  static CoreModuleCache parseAll(Component component, Execution execution, CodeCache codeCache)
      throws LinkException {
    Map<Definition.CoreModule, WasmModule> modules = new IdentityHashMap<>();
    collect(component, modules);
    return new CoreModuleCache(modules, execution, codeCache, false);
  }

  /**
   * Parses each core module on its first instantiation instead: for a component whose modules an
   * earlier run parsed and validated (see {@link CodeCache#isValidated}), so loading it is cheap.
   * Such a module is parsed without Chicory's function validator (about half the cost of parsing a
   * large module) unless validating could annotate its code ({@link ValidatorAnnotations}).
   */
  static CoreModuleCache deferParsing(Execution execution, CodeCache codeCache) {
    return new CoreModuleCache(new IdentityHashMap<>(), execution, codeCache, true);
  }

  private static void collect(Component component, Map<Definition.CoreModule, WasmModule> out)
      throws LinkException {
    for (Definition d : component.definitions()) {
      if (d instanceof Definition.CoreModule m) {
        out.put(m, parse(m, true));
      } else if (d instanceof Definition.NestedComponent n) {
        collect(n.component(), out);
      }
    }
  }

  private static WasmModule parse(Definition.CoreModule m, boolean validate) throws LinkException {
    // Chicory reports some malformed code with AssertionError (when assertions are enabled).
    try {
      byte[] bytes = EmptyImportNames.patch(m.bytes());
      if (validate) {
        return Parser.parse(bytes);
      }
      WasmModule trusted =
          Parser.builder()
              .withValidation(false)
              .build()
              .parse(() -> new ByteArrayInputStream(bytes));
      return ValidatorAnnotations.possible(trusted) ? Parser.parse(bytes) : trusted;
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      throw new LinkException(
          "core module at byte offset " + m.offset() + " is invalid: " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      // Chicory 1.7.5 sizes arrays by the counts the module declares (a type section of a few
      // bytes can ask for billions of parameters); the failed allocation frees nothing else.
      throw new LinkException(
          "core module at byte offset "
              + m.offset()
              + " is invalid: it declares more entries than fit in memory ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /**
   * Does now what the first instantiation would otherwise do first: parses every core module of
   * {@code component} not parsed yet and gets the code it will run: compiled ({@link
   * Execution#COMPILED}), or loaded from the code an earlier run cached ({@link Execution#TIERED};
   * a module without cached code is still compiled only once it is used).
   */
  void prepare(Component component) throws LinkException {
    for (Definition d : component.definitions()) {
      if (d instanceof Definition.CoreModule m) {
        WasmModule module = get(m);
        boolean compiledAtFirstUse =
            execution == Execution.COMPILED
                || execution == Execution.TIERED && codeCache.contains(module.digest());
        if (compiledAtFirstUse) {
          synchronized (machines) {
            if (!machines.containsKey(module)) {
              machines.put(module, CompletableFuture.completedFuture(compile(module)));
            }
          }
        }
      } else if (d instanceof Definition.NestedComponent n) {
        prepare(n.component());
      }
    }
  }

  /** How many core modules are parsed so far. */
  int parsedCount() {
    synchronized (modules) {
      return modules.size();
    }
  }

  /** How many core modules have compiled code ready. */
  int compiledCount() {
    synchronized (machines) {
      return (int)
          machines.values().stream()
              .filter(f -> f.isDone() && !f.isCompletedExceptionally())
              .count();
    }
  }

  WasmModule get(Definition.CoreModule module) throws LinkException {
    synchronized (modules) {
      WasmModule parsed = modules.get(module);
      if (parsed == null) {
        parsed = parse(module, !validatedBefore);
        modules.put(module, parsed);
      }
      return parsed;
    }
  }

  /**
   * How large {@code module}'s memory grew in its latest instance (shared by all its instances).
   */
  MemorySizeHint memorySizeHint(WasmModule module) {
    synchronized (memorySizes) {
      return memorySizes.computeIfAbsent(module, m -> new MemorySizeHint());
    }
  }

  /**
   * The machine factory for an instance of {@code module} created now: the interpreter, or the
   * module compiled to JVM bytecode (compiled once, then shared by every instance).
   */
  Function<Instance, Machine> machineFactory(WasmModule module) {
    if (execution == Execution.INTERPRETED) {
      return InterpreterMachine::new;
    }
    if (execution == Execution.COMPILED) {
      synchronized (machines) {
        return machines
            .computeIfAbsent(module, m -> CompletableFuture.completedFuture(compile(m)))
            .join();
      }
    }
    CompletableFuture<Function<Instance, Machine>> compiled;
    synchronized (machines) {
      compiled = machines.get(module);
      if (compiled == null && codeCache.contains(module.digest())) {
        // Compiled by an earlier run: loading its classes is cheap, so run compiled from the start.
        compiled = CompletableFuture.completedFuture(compile(module));
        machines.put(module, compiled);
      }
      if (compiled == null) {
        // TIERED: the first instance (usually the one that lists a component's exports when it
        // is loaded) is interpreted and compiles nothing, so unused tools are never compiled.
        machines.put(module, NOT_YET_COMPILED);
        return InterpreterMachine::new;
      }
      if (compiled == NOT_YET_COMPILED) {
        compiled = startCompiling(module);
      }
    }
    return compiled.isDone() && !compiled.isCompletedExceptionally()
        ? compiled.join()
        : InterpreterMachine::new;
  }

  /**
   * Compiles every core module of {@code component} with at least {@code minFunctions} functions
   * and no compiled code yet, on background threads, and waits for them ({@link Execution#TIERED};
   * {@link Execution#COMPILED} compiles in {@link #prepare}, {@link Execution#INTERPRETED} never).
   * Instances created meanwhile are interpreted; those created after a module's compile run it
   * compiled.
   */
  void compileAhead(Component component, int minFunctions) throws LinkException {
    prepare(component);
    if (execution != Execution.TIERED) {
      return;
    }
    List<CompletableFuture<Function<Instance, Machine>>> pending = new ArrayList<>();
    startCompilingAll(component, minFunctions, pending);
    pending.forEach(CompletableFuture::join);
  }

  private void startCompilingAll(
      Component component,
      int minFunctions,
      List<CompletableFuture<Function<Instance, Machine>>> pending)
      throws LinkException {
    for (Definition d : component.definitions()) {
      if (d instanceof Definition.CoreModule m) {
        WasmModule module = get(m);
        if (module.functionSection().functionCount() < minFunctions) {
          continue;
        }
        synchronized (machines) {
          CompletableFuture<Function<Instance, Machine>> compiled = machines.get(module);
          pending.add(
              compiled == null || compiled == NOT_YET_COMPILED ? startCompiling(module) : compiled);
        }
      } else if (d instanceof Definition.NestedComponent n) {
        startCompilingAll(n.component(), minFunctions, pending);
      }
    }
  }

  /**
   * Starts compiling {@code module} on its own thread; the caller holds the lock on {@code
   * machines}.
   */
  private CompletableFuture<Function<Instance, Machine>> startCompiling(WasmModule module) {
    CompletableFuture<Function<Instance, Machine>> compiled =
        CompletableFuture.supplyAsync(
            () -> compile(module),
            task ->
                Thread.ofPlatform()
                    .daemon()
                    .name("corral-wasm-compiler")
                    .stackSize(COMPILER_STACK_BYTES)
                    .start(task));
    machines.put(module, compiled);
    return compiled;
  }

  private Function<Instance, Machine> compile(WasmModule module) {
    int functions = module.functionSection().functionCount();
    boolean reported = functions >= LARGE_MODULE_FUNCTIONS && !codeCache.contains(module.digest());
    long started = System.nanoTime();
    if (reported) {
      log.info(
          "compiling a core module of {} functions to JVM bytecode in the background; its calls run in the"
              + " interpreter until this is done",
          functions);
    }
    Function<Instance, Machine> machine = compileOrInterpret(module);
    if (reported) {
      log.info(
          "compiled the core module of {} functions in {} s{}",
          functions,
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9),
          codeCache.directory().isPresent() ? "; the code cache keeps it for the next run" : "");
    }
    return machine;
  }

  private Function<Instance, Machine> compileOrInterpret(WasmModule module) {
    if (codeCache.chicory().isPresent()) {
      try {
        return compile(module, codeCache);
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        // A verified entry that still does not load (say, a JVM that rejects its classes).
        log.warn(
            "compiled code from the cache failed ({}); compiling without the cache", e.toString());
      }
    }
    try {
      return compile(module, CodeCache.none());
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      log.warn(
          "core module could not be compiled to JVM bytecode, interpreting it: {}", e.toString());
      return InterpreterMachine::new;
    }
  }

  private static Function<Instance, Machine> compile(WasmModule module, CodeCache cache) {
    // SILENT: a function too big for one JVM method runs in the interpreter, the rest compiled.
    MachineFactoryCompiler.Builder builder =
        MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
    cache.chicory().ifPresent(builder::withCache);
    return builder.compile();
  }
}
