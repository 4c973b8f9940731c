package dev.corral.mcp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallRecordTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final String C = "sha256:" + "c".repeat(64);
  private static final Instant MONDAY = Instant.parse("2026-12-07T09:00:00Z");
  private static final Instant TUESDAY = Instant.parse("2026-12-08T09:00:00Z");

  @TempDir Path directory;

  @Test
  void aDigestReplacedBeforeIsARollback() {
    InstallRecord record =
        new InstallRecord(A, "oci://r/x:1", Optional.empty(), List.of())
            .replacedBy(B, "oci://r/x:2", Optional.empty());
    assertEquals(List.of(A), record.replaced());
    assertEquals(
        Optional.of(A + " was installed under this id before " + B + " replaced it"),
        record.rollback(A, Optional.empty()));
    assertEquals(
        Optional.empty(), record.rollback(B, Optional.empty()), "a reinstall of the same digest");
    assertEquals(Optional.empty(), record.rollback(C, Optional.empty()), "a new digest");
  }

  @Test
  void anEarlierBuildTimeIsARollbackWhenBothHaveOne() {
    InstallRecord record = new InstallRecord(B, "oci://r/x:2", Optional.of(TUESDAY), List.of());
    assertEquals(
        Optional.of(
            C
                + " was built at "
                + MONDAY
                + ", before the installed "
                + B
                + " (built at "
                + TUESDAY
                + ")"),
        record.rollback(C, Optional.of(MONDAY)));
    assertEquals(Optional.empty(), record.rollback(C, Optional.of(TUESDAY.plusSeconds(1))));
    assertEquals(
        Optional.empty(),
        record.rollback(C, Optional.empty()),
        "no build time: only the history decides");
  }

  @Test
  void goingBackAndForthKeepsEachDigestOnceInTheHistory() {
    InstallRecord record =
        new InstallRecord(A, "s", Optional.empty(), List.of())
            .replacedBy(B, "s", Optional.empty())
            .replacedBy(C, "s", Optional.empty())
            .replacedBy(C, "s", Optional.empty());
    assertEquals(List.of(A, B), record.replaced());
  }

  @Test
  void aRecordReadsBackAsWrittenAndAnUnreadableOneIsNone() throws Exception {
    InstallRecord record = new InstallRecord(B, "oci://r/x:2", Optional.of(TUESDAY), List.of(A));
    Path file = directory.resolve("x.install.json");
    record.write(file);
    assertEquals(Optional.of(record), InstallRecord.read(file));
    Files.writeString(file, "{not json");
    assertEquals(Optional.empty(), InstallRecord.read(file));
    assertEquals(Optional.empty(), InstallRecord.read(directory.resolve("absent.install.json")));
  }
}
