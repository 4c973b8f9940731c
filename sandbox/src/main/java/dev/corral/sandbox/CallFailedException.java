package dev.corral.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A call did not return a value: the guest trapped, hit a limit, ran past its deadline or exited.
 * The message names the cause; the output captured until then is kept. The host is unaffected: the
 * instance is discarded and the next call gets a fresh one.
 */
public final class CallFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a call failed. */
  public enum Reason {
    /** The guest trapped ({@code unreachable}, out-of-bounds access, stack exhausted, ...). */
    TRAP,
    /** The wall-clock deadline passed; the guest was interrupted. */
    TIMEOUT,
    /**
     * A limit other than time was hit: stdout/stderr or result size, memory, or the host resources
     * a call may hold.
     */
    LIMIT,
    /** The guest called {@code wasi:cli/exit}. */
    EXIT,
    /**
     * The component could not be instantiated for the call (a granted directory is missing, ...).
     */
    SETUP
  }

  private final Reason reason;
  private final OptionalInt exitCode;
  private final byte[] stdout;
  private final byte[] stderr;
  private final java.util.List<String> notices;

  CallFailedException(
      Reason reason,
      String message,
      OptionalInt exitCode,
      byte[] stdout,
      byte[] stderr,
      java.util.List<String> notices,
      Throwable cause) {
    super(message, cause);
    this.notices = java.util.List.copyOf(notices);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.exitCode = exitCode;
    this.stdout = stdout.clone();
    this.stderr = stderr.clone();
  }

  public Reason reason() {
    return reason;
  }

  /** The status passed to {@code wasi:cli/exit}, for {@link Reason#EXIT}. */
  public OptionalInt exitCode() {
    return exitCode;
  }

  /** Notices for the user gathered before the failure (such as denied network requests). */
  public java.util.List<String> notices() {
    return notices;
  }

  public byte[] stdout() {
    return stdout.clone();
  }

  public byte[] stderr() {
    return stderr.clone();
  }

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }
}
