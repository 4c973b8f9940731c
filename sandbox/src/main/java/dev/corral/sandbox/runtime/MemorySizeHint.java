package dev.corral.sandbox.runtime;

/**
 * How large a core module's linear memory grew in its latest instance, so that the next instance's
 * {@link LinearMemory} is allocated that large at once and does not copy itself as it grows again
 * (every call runs in a fresh instance, and most calls of a tool grow its memory the same way).
 *
 * <p>Each new memory {@linkplain #take() takes} the hint, which starts the count again, and reports
 * every size it {@linkplain #grewTo grows to}: a call that once needed much more memory costs one
 * large allocation in the next instance, not in every later one. Instances of the same module
 * running at once may interleave their reports; the hint only sizes an allocation, never what the
 * guest may use.
 */
final class MemorySizeHint {
  private int pages;

  /** The pages the latest instance grew to (0 if none grew), and starts counting again. */
  synchronized int take() {
    int hint = pages;
    pages = 0;
    return hint;
  }

  /** An instance's memory grew to {@code newPages}. */
  synchronized void grewTo(int newPages) {
    pages = Math.max(pages, newPages);
  }
}
