package dev.corral.mcp.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tool calls running now, by JSON-RPC request id, so that {@code notifications/cancelled} can
 * stop one: cancelling interrupts the thread waiting for the guest, which stops the guest.
 */
public final class RunningCalls {
  /** The {@code _meta} key under which the stdio guard passes a request's id to the handler. */
  public static final String REQUEST_ID_META = "dev.corral/requestId";

  private final Map<String, Thread> running = new ConcurrentHashMap<>();

  /** Runs {@code call} on this thread as request {@code requestId} (if known). */
  public <T> T run(Optional<String> requestId, java.util.function.Supplier<T> call) {
    if (requestId.isEmpty()) {
      return call.get();
    }
    running.put(requestId.get(), Thread.currentThread());
    try {
      return call.get();
    } finally {
      running.remove(requestId.get(), Thread.currentThread());
      Thread.interrupted();
    }
  }

  /** Stops the call running as {@code requestId}; false if none is. */
  public boolean cancel(String requestId) {
    Thread thread = running.get(requestId);
    if (thread == null) {
      return false;
    }
    thread.interrupt();
    return true;
  }
}
