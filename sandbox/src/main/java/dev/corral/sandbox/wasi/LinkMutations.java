package dev.corral.sandbox.wasi;

import dev.corral.sandbox.error.ComponentTrap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes the check and the act of every guest operation that creates or moves a symbolic link
 * ({@code symlink-at}, {@code rename-at}) one atomic step with respect to every other such
 * operation in this JVM: the check of a link's target, or the walk of a directory for the links it
 * holds, sees exactly the tree the move or creation then changes. Without it, a second call (of the
 * same component or of another one granted an overlapping directory) could create a link inside a
 * directory between the walk that found none and the move that takes it up, leaving a link that
 * leads out of the grant.
 *
 * <p>One lock for the whole process, not one per grant: grants of different calls and components
 * may overlap (a directory and one inside it), and the host filesystem they share is itself one per
 * process. Only these two operations take it, and each holds it for one check (a bounded walk of at
 * most {@link LinkConfinement#MAX_ENTRIES_CHECKED} entries) and one system call; a call waiting for
 * it still ends at its deadline (the wait is interruptible). Other processes on the host are not
 * serialized by it (see SECURITY.md, Known limits).
 */
final class LinkMutations {
  private static final ReentrantLock LOCK = new ReentrantLock();

  private LinkMutations() {}

  /** A check and the change it allows. */
  @FunctionalInterface
  interface CheckedChange {
    void run() throws FsError;
  }

  /** Runs {@code change} while no other call creates or moves a link. */
  static void atomically(CheckedChange change) throws FsError, ComponentTrap {
    try {
      LOCK.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComponentTrap(
          "the call was interrupted while waiting to change a granted directory", e);
    }
    try {
      change.run();
    } finally {
      LOCK.unlock();
    }
  }
}
