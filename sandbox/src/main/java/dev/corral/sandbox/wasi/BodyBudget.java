package dev.corral.sandbox.wasi;

/**
 * The HTTP body bytes one call may still buffer on the host, request and response bodies together:
 * each body is buffered whole, so this bounds the host memory a guest's requests take.
 */
final class BodyBudget {
  private final long max;
  private long used;

  BodyBudget(long max) {
    this.max = max;
  }

  /** The most bytes a call may buffer. */
  long max() {
    return max;
  }

  /** How many more bytes may be buffered. */
  synchronized long remaining() {
    return max - used;
  }

  /** Takes {@code bytes} from the budget; false (taking nothing) if fewer remain. */
  synchronized boolean take(long bytes) {
    if (bytes > max - used) {
      return false;
    }
    used += bytes;
    return true;
  }
}
