package dev.corral.mcp.server;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/** The ids of JSON-RPC requests read but not yet answered. */
final class PendingRequests {
  private final Set<JsonNode> ids = new HashSet<>();

  synchronized void asked(JsonNode id) {
    ids.add(id);
  }

  synchronized void answered(JsonNode id) {
    ids.remove(id);
    notifyAll();
  }

  synchronized int count() {
    return ids.size();
  }

  /** Waits until every request is answered; false if {@code limit} passed first. */
  synchronized boolean awaitNone(Duration limit) throws InterruptedException {
    return awaitUntil(ids::isEmpty, limit);
  }

  private boolean awaitUntil(BooleanSupplier done, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
