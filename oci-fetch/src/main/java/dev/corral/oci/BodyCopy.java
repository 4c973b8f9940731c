package dev.corral.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Copies a response body into a file under a {@link StallGuard}, so a body that stops delivering
 * data is abandoned. Each chunk read is shown to the caller's {@link Chunk} before it is written,
 * which may refuse it (too long) or use it (a digest).
 */
final class BodyCopy {
  private BodyCopy() {}

  /** Sees each chunk read, with the number of bytes read so far (this chunk included). */
  @FunctionalInterface
  interface Chunk {
    void accept(byte[] buffer, int length, long total) throws OciException;
  }

  /**
   * Copies {@code body} to {@code target} and returns how many bytes it had; {@code body} is
   * closed. A failed read, or a stall of {@code timeout}, is an {@link OciException} saying {@code
   * download of WHAT failed after N bytes: ...}; on any failure {@code target} is partial.
   */
  static long copy(InputStream body, Path target, Duration timeout, String what, Chunk chunk)
      throws OciException {
    long total = 0;
    StallGuard guard = new StallGuard(body, timeout);
    try (guard;
        InputStream in = body;
        OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        guard.progress();
        total += n;
        chunk.accept(buffer, n, total);
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new OciException(
          "download of " + what + " failed after " + total + " bytes: " + guard.reason(e), e);
    }
    if (guard.stalled()) {
      throw new OciException(
          "download of " + what + " failed after " + total + " bytes: " + guard.stallDescription());
    }
    return total;
  }
}
