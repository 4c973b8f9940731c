package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = Files.writeString(dir.resolve("a.json"), "old");
    AtomicFiles.write(file, "new".getBytes());
    assertEquals("new", Files.readString(file));
    assertEquals(List.of(file), list(dir));
  }

  @Test
  void aFailureWhileWritingLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = Files.writeString(dir.resolve("a.json"), "old");
    Path temporaries = Files.createDirectory(dir.resolve("tmp"));
    VerificationException refused = new VerificationException("does not hash to it");
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                AtomicFiles.write(
                    file,
                    temporaries,
                    ".partial",
                    temp -> {
                      Files.writeString(temp, "half");
                      throw refused;
                    }));
    assertSame(refused, e);
    assertEquals("old", Files.readString(file));
    assertEquals(List.of(), list(temporaries));
  }

  @Test
  void theTemporaryFileIsNamedAfterTheFileWithTheSuffix() throws IOException {
    Path file = dir.resolve("b.sig");
    AtomicFiles.write(
        file,
        dir,
        ".partial",
        temp -> {
          String name = temp.getFileName().toString();
          assertTrue(name.startsWith(".b.sig.") && name.endsWith(".partial"), name);
          Files.writeString(temp, "content");
        });
    assertEquals("content", Files.readString(file));
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }
}
