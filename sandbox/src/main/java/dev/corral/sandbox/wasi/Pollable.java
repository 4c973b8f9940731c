package dev.corral.sandbox.wasi;

/** The host side of a {@code wasi:io/poll.pollable}. */
interface Pollable {
  boolean ready();

  /** Waits until ready; interrupted by the call's deadline. */
  void block() throws InterruptedException;

  /** A pollable that is always ready (streams of in-memory or file data). */
  static Pollable alwaysReady() {
    return new Pollable() {
      @Override
      public boolean ready() {
        return true;
      }

      @Override
      public void block() {}
    };
  }

  /** Ready once {@link System#nanoTime()} reaches {@code deadline}. */
  static Pollable at(long deadline) {
    return new Pollable() {
      @Override
      public boolean ready() {
        return System.nanoTime() - deadline >= 0;
      }

      @Override
      public void block() throws InterruptedException {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
          java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
    };
  }
}
