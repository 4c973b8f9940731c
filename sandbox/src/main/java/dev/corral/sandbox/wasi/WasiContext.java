package dev.corral.sandbox.wasi;

import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.error.ComponentTrap;
import java.util.List;

/**
 * The host state of one call: the capabilities, captured output, and the objects behind every
 * resource the guest holds. Discarded (and its files closed) when the call ends.
 */
final class WasiContext implements AutoCloseable {
  final Capabilities capabilities;
  final OutputCapture stdout;
  final OutputCapture stderr;
  final ResourceTable<String> errors = new ResourceTable<>("error", this);
  final ResourceTable<Pollable> pollables = new ResourceTable<>("pollable", this);
  final ResourceTable<HostInputStream> inputStreams = new ResourceTable<>("input-stream", this);
  final ResourceTable<HostOutputStream> outputStreams = new ResourceTable<>("output-stream", this);
  final ResourceTable<Object> terminals = new ResourceTable<>("terminal", this);
  final ResourceTable<Descriptor> descriptors = new ResourceTable<>("descriptor", this);
  final ResourceTable<DirectoryEntries> directoryStreams =
      new ResourceTable<>("directory-entry-stream", this);
  final ResourceTable<Object> sockets = new ResourceTable<>("socket", this);
  final ResourceTable<Object> network = new ResourceTable<>("network", this);
  private final long monotonicBase = System.nanoTime();
  private final List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closeables = new java.util.ArrayList<>();
  private volatile String limitHit;
  private volatile Integer exitCode;

  WasiContext(Capabilities capabilities) {
    this.capabilities = capabilities;
    this.stdout = new OutputCapture("stdout", capabilities.limits().maxStdoutBytes(), this);
    this.stderr = new OutputCapture("stderr", capabilities.limits().maxStderrBytes(), this);
  }

  /** Nanoseconds since the call began: the guest's monotonic clock. */
  long monotonicNow() {
    return System.nanoTime() - monotonicBase;
  }

  long monotonicBase() {
    return monotonicBase;
  }

  /** Records that a limit was hit and returns the trap that ends the call. */
  ComponentTrap limitHit(String what) {
    if (limitHit == null) {
      limitHit = what;
    }
    return new ComponentTrap(what);
  }

  String limitHit() {
    return limitHit;
  }

  /** Records a guest's {@code wasi:cli/exit} and returns the trap that unwinds the call. */
  ComponentTrap exit(int code) {
    exitCode = code;
    return new ComponentTrap("the guest called wasi:cli/exit with status " + code);
  }

  Integer exitCode() {
    return exitCode;
  }

  /** Records a message for the user, such as a denied request. */
  void notice(String message) {
    notices.add(message);
  }

  List<String> notices() {
    return List.copyOf(notices);
  }

  /** Closes {@code resource} when the call ends. */
  synchronized void onClose(AutoCloseable resource) {
    closeables.add(resource);
  }

  @Override
  public void close() {
    synchronized (this) {
      for (AutoCloseable c : closeables) {
        try {
          c.close();
        } catch (Exception ignored) {
          // best effort at the end of a call
        }
      }
      closeables.clear();
    }
    for (ResourceTable<?> table :
        List.of(
            errors,
            pollables,
            inputStreams,
            outputStreams,
            terminals,
            descriptors,
            directoryStreams,
            sockets,
            network)) {
      table.closeAll();
    }
  }
}
