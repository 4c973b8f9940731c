package dev.corral.sandbox;

import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ComponentInstance;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.runtime.InstanceLimits;
import dev.corral.sandbox.runtime.MemoryUsage;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.wasi.WasiCall;
import dev.corral.sandbox.wasi.WasiHost;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A component run as a sandboxed tool on the WASI 0.2 host. Every {@link #call} gets a fresh
 * instance, its own captured stdout/stderr, only the {@link Capabilities} passed in, and hard
 * {@link Limits}: no state is shared between calls. Thread-safe.
 *
 * <pre>{@code
 * SandboxedComponent tool = SandboxedComponent.load(bytes);
 * CallResult r = tool.call("read-file", List.of(new StringValue("/data/a.txt")), capabilities);
 * }</pre>
 */
public final class SandboxedComponent {
  /** The stack of the thread running a call: deep (but bounded) guest recursion fits. */
  static final long CALL_STACK_BYTES = 64L << 20;

  private static final long STOP_GRACE_MILLIS = 5_000;

  private final CompiledComponent component;
  private final List<ExportedFunction> functions;

  /** The WASI packages the component imports: a call links only those (see WasiHost). */
  private final Set<String> importedPackages;

  private SandboxedComponent(CompiledComponent component, List<ExportedFunction> functions) {
    this.component = component;
    this.functions = functions;
    this.importedPackages = WasiHost.importedPackages(component.world());
  }

  /** Decodes, compiles and checks a component; see {@link #of}. */
  public static SandboxedComponent load(byte[] bytes)
      throws ComponentDecodeException, LinkException {
    return of(CompiledComponent.compile(bytes));
  }

  /**
   * Checks, without running guest code, that the host implements every interface, resource and
   * function {@code component} imports with the same types (the message names the first missing
   * interface and its version, or the function), and lists its exports.
   *
   * @throws LinkException if an import is missing or mismatched
   */
  public static SandboxedComponent of(CompiledComponent component) throws LinkException {
    Objects.requireNonNull(component, "component");
    WasiHost.checkImports(component.world());
    return new SandboxedComponent(component, component.exports());
  }

  /** The compiled component this sandbox runs. */
  public CompiledComponent compiled() {
    return component;
  }

  /** The exported functions, world-level first ({@link ExportedFunction#qualifiedName()}). */
  public List<ExportedFunction> functions() {
    return functions;
  }

  /** The exported function named {@code qualifiedName} ({@code name} or {@code iface#name}). */
  public Optional<ExportedFunction> function(String qualifiedName) {
    return functions.stream().filter(f -> f.qualifiedName().equals(qualifiedName)).findFirst();
  }

  /**
   * Calls an export in a fresh instance with {@code capabilities}.
   *
   * @throws IllegalArgumentException if there is no such export or the arguments do not match
   * @throws CallFailedException if the call trapped, timed out, hit a limit or exited
   */
  public CallResult call(String qualifiedName, List<Value> args, Capabilities capabilities)
      throws CallFailedException {
    Objects.requireNonNull(capabilities, "capabilities");
    if (function(qualifiedName).isEmpty()) {
      throw new IllegalArgumentException(
          "the component exports no function '"
              + qualifiedName
              + "'; it exports "
              + functions.stream().map(ExportedFunction::qualifiedName).toList());
    }
    Limits limits = capabilities.limits();
    try (WasiCall ctx = new WasiCall(capabilities)) {
      AtomicReference<ComponentInstance> created = new AtomicReference<>();
      try {
        Linker linker = ctx.linker(importedPackages);
        InstanceLimits instanceLimits = new InstanceLimits(limits.maxMemoryPages());
        Optional<Value> value =
            runWithDeadline(
                () -> {
                  ComponentInstance instance = component.instantiate(linker, instanceLimits);
                  created.set(instance);
                  ExportedFunction f = instance.function(qualifiedName).orElseThrow();
                  return instance.call(f, args, ctx.resultBudget());
                },
                limits.timeout().toMillis());
        return new CallResult(value, ctx.stdout(), ctx.stderr(), ctx.notices());
      } catch (IOException e) {
        throw failure(
            ctx,
            CallFailedException.Reason.SETUP,
            "a granted directory cannot be opened: " + e.getMessage(),
            e);
      } catch (LinkException e) {
        throw failure(
            ctx,
            CallFailedException.Reason.SETUP,
            "the component cannot be instantiated: " + e.getMessage(),
            e);
      } catch (TimeoutException e) {
        throw failure(
            ctx,
            CallFailedException.Reason.TIMEOUT,
            "deadline: the call ran longer than "
                + limits.timeout().toMillis()
                + " ms and was stopped",
            null);
      } catch (ComponentTrap e) {
        if (ctx.exitCode() != null) {
          throw new CallFailedException(
              CallFailedException.Reason.EXIT,
              "the guest exited with status " + ctx.exitCode() + " before returning",
              OptionalInt.of(ctx.exitCode()),
              ctx.stdout(),
              ctx.stderr(),
              ctx.notices(),
              e);
        }
        if (ctx.limitHit() != null) {
          throw failure(ctx, CallFailedException.Reason.LIMIT, ctx.limitHit(), e);
        }
        ComponentInstance instance = created.get();
        // A guest out of memory usually traps (abort, Rust's handle_alloc_error) with a message
        // that does not say so: a grow refused by the cap names the cause.
        Optional<MemoryUsage> full =
            instance == null
                ? Optional.empty()
                : instance.memoryUsage().stream().filter(MemoryUsage::limitHit).findFirst();
        if (full.isPresent()) {
          throw failure(
              ctx,
              CallFailedException.Reason.LIMIT,
              "memory limit: linear memory could not grow past its cap of "
                  + full.get().maxPages() * (Limits.PAGE / 1024)
                  + " KiB; the guest then trapped: "
                  + e.getMessage(),
              e);
        }
        throw failure(ctx, CallFailedException.Reason.TRAP, "trap: " + e.getMessage(), e);
      }
    }
  }

  private static CallFailedException failure(
      WasiCall ctx, CallFailedException.Reason reason, String message, Throwable cause) {
    return new CallFailedException(
        reason, message, OptionalInt.empty(), ctx.stdout(), ctx.stderr(), ctx.notices(), cause);
  }

  @FunctionalInterface
  private interface GuestWork<T> {
    T run() throws LinkException, ComponentTrap;
  }

  /**
   * Runs guest code on its own thread and interrupts it at the deadline: Chicory's interpreter
   * checks the thread's interrupt flag on every call and branch, so even a tight loop stops.
   */
  private static <T> T runWithDeadline(GuestWork<T> work, long timeoutMillis)
      throws LinkException, ComponentTrap, TimeoutException {
    FutureTask<T> task = new FutureTask<>(work::run);
    Thread thread = new Thread(null, task, "corral-guest-call", CALL_STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      joinQuietly(thread);
      throw e;
    } catch (InterruptedException e) {
      thread.interrupt();
      joinQuietly(thread);
      Thread.currentThread().interrupt();
      throw new ComponentTrap("the call was cancelled (its thread was interrupted)", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LinkException l) {
        throw l;
      }
      if (cause instanceof ComponentTrap t) {
        throw t;
      }
      if (cause instanceof StackOverflowError) {
        throw new ComponentTrap("call stack exhausted (too deep recursion)", cause);
      }
      if (cause instanceof OutOfMemoryError) {
        throw new ComponentTrap("the host ran out of memory running the guest", cause);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new ComponentTrap("guest call failed: " + cause, cause);
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(STOP_GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
