package dev.corral.oci;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes {@code *.partial} files that a killed process left behind. Only files untouched for
 * longer than a grace period go, so a download or install still under way in another process keeps
 * its file.
 */
public final class StalePartialFiles {
  private static final Logger log = LoggerFactory.getLogger(StalePartialFiles.class);

  /** How long a partial file must have been left alone before it counts as abandoned. */
  public static final Duration GRACE = Duration.ofHours(1);

  private StalePartialFiles() {}

  /**
   * Deletes the abandoned {@code *.partial} files directly in {@code directory}; returns how many.
   */
  public static int sweep(Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    Instant cutoff = Instant.now().minus(GRACE);
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.partial")) {
      for (Path file : files) {
        try {
          if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
              && Files.deleteIfExists(file)) {
            removed++;
          }
        } catch (IOException e) {
          log.warn("cannot remove abandoned partial file {}: {}", file, e.toString());
        }
      }
    } catch (IOException e) {
      log.warn("cannot look for abandoned partial files in {}: {}", directory, e.toString());
    }
    if (removed > 0) {
      log.info("removed {} abandoned partial file(s) from {}", removed, directory);
    }
    return removed;
  }
}
