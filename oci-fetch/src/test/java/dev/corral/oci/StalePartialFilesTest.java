package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalePartialFilesTest {
  @TempDir Path dir;

  @Test
  void removesOnlyPartialFilesLeftAloneLongerThanTheGracePeriod() throws Exception {
    Path abandoned = Files.writeString(dir.resolve("abc-1.partial"), "half");
    Files.setLastModifiedTime(
        abandoned,
        FileTime.from(Instant.now().minus(StalePartialFiles.GRACE).minus(Duration.ofMinutes(1))));
    Path inProgress = Files.writeString(dir.resolve("abc-2.partial"), "growing");
    Path complete = Files.writeString(dir.resolve("blob"), "whole");
    Files.setLastModifiedTime(complete, FileTime.from(Instant.EPOCH));

    assertEquals(1, StalePartialFiles.sweep(dir));
    assertFalse(Files.exists(abandoned));
    assertTrue(Files.exists(inProgress));
    assertTrue(Files.exists(complete));
    assertEquals(0, StalePartialFiles.sweep(dir.resolve("missing")));
  }
}
