package dev.corral.sandbox.wasi;

import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.runtime.LiftBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The WASI host side of one sandboxed call: the linker bound to the call's capabilities, its
 * captured output, notices and how it ended. Closing it closes the granted directories, then every
 * resource the guest still holds.
 */
public final class WasiCall implements AutoCloseable {
  private final WasiContext ctx;
  private final List<Preopen> preopens = new ArrayList<>();

  /** A call granted {@code capabilities}; nothing is opened yet. */
  public WasiCall(Capabilities capabilities) {
    this.ctx = new WasiContext(capabilities);
  }

  /**
   * Opens the granted directories and links wasi:io, clocks, random and cli and, of
   * wasi:filesystem, sockets and http, those among {@code packages} (see {@link
   * WasiHost#importedPackages}).
   *
   * @throws IOException if a granted directory cannot be opened
   */
  public Linker linker(Set<String> packages) throws IOException {
    preopens.addAll(Preopen.openAll(ctx.capabilities.directories()));
    return WasiHost.linker(ctx, preopens, packages);
  }

  /** The budget lifting the call's result charges ({@link Limits#maxResultBytes()}). */
  public LiftBudget resultBudget() {
    return new ResultBudget(ctx.capabilities.limits().maxResultBytes(), ctx);
  }

  /** What the guest wrote to stdout so far. */
  public byte[] stdout() {
    return ctx.stdout.bytes();
  }

  /** What the guest wrote to stderr so far. */
  public byte[] stderr() {
    return ctx.stderr.bytes();
  }

  /** Notices for the user gathered so far (such as denied network requests). */
  public List<String> notices() {
    return ctx.notices();
  }

  /** The status the guest passed to {@code wasi:cli/exit}, or null if it did not exit. */
  public Integer exitCode() {
    return ctx.exitCode();
  }

  /** The first limit the call hit (its message), or null. */
  public String limitHit() {
    return ctx.limitHit();
  }

  @Override
  public void close() {
    for (Preopen p : preopens) {
      try {
        p.close();
      } catch (IOException ignored) {
        // closing a directory handle at the end of a call
      }
    }
    ctx.close();
  }
}
