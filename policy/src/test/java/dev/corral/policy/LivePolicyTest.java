package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivePolicyTest {
  @TempDir Path dir;

  static final String ALLOW_A =
      "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: a.example.com\n";
  static final String ALLOW_B = ALLOW_A.replace("a.example.com", "b.example.com");

  @Test
  void noFileIsDenyAll() {
    LivePolicy live = new LivePolicy(dir.resolve("policy.yaml"));
    assertEquals(Policy.denyAll(), live.current());
    assertTrue(live.lastError().isEmpty());
  }

  @Test
  void anEditTakesEffectOnTheNextCall() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, ALLOW_A);
    LivePolicy live = new LivePolicy(file);
    assertTrue(live.current().network().allows("https", "a.example.com", 443, null));
    Files.writeString(file, ALLOW_B); // same size, same inode, likely the same mtime tick
    assertFalse(live.current().network().allows("https", "a.example.com", 443, null));
    assertTrue(live.current().network().allows("https", "b.example.com", 443, null));
  }

  @Test
  void editsThroughTheEditorAreSeen() throws Exception {
    Path file = dir.resolve("policy.yaml");
    LivePolicy live = new LivePolicy(file);
    assertEquals(Set.of(), live.current().environment().allowedKeys());
    new PolicyEditor(file).grantEnvironment("HOME");
    assertEquals(Set.of("HOME"), live.current().environment().allowedKeys());
    new PolicyEditor(file).revokeEnvironment("HOME");
    assertEquals(Set.of(), live.current().environment().allowedKeys());
  }

  @Test
  void aBrokenEditKeepsTheLastGoodPolicyAndReportsTheError() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, ALLOW_A);
    LivePolicy live = new LivePolicy(file);
    Policy good = live.current();
    Files.writeString(file, ALLOW_A + "      - host: \"exa*mple.com\"\n");
    assertSame(good, live.current());
    PolicyException error = live.lastError().orElseThrow();
    assertEquals(6, error.problems().get(0).line());
    assertEquals("permissions.network.allow[1].host", error.problems().get(0).path());
    Files.writeString(file, ALLOW_B);
    assertTrue(live.current().network().allows("https", "b.example.com", 443, null));
    assertTrue(live.lastError().isEmpty());
  }

  @Test
  void anOverflowingTimeoutKeepsTheLastGoodPolicyAndIsReportedWithItsPosition() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, ALLOW_A);
    LivePolicy live = new LivePolicy(file);
    Policy good = live.current();
    Files.writeString(file, ALLOW_A + "limits: {timeout: 3000000000000000h}\n");
    assertSame(good, live.current());
    assertEquals(
        file
            + ":6:19: '3000000000000000h' is too large (at limits.timeout)\n"
            + "  hint: such as 500ms, 30s or 5m; at most 24h",
        live.lastError().orElseThrow().getMessage());
  }

  @Test
  void aFileThatBecomesADeviceOrTooLargeKeepsTheLastGoodPolicy() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, ALLOW_A);
    LivePolicy live = new LivePolicy(file);
    Policy good = live.current();

    Files.delete(file);
    Files.createSymbolicLink(file, Path.of("/dev/zero")); // endless if read
    assertSame(good, live.current());
    assertEquals(
        file
            + ": the policy file is not a regular file\n"
            + "  hint: replace it with a YAML file (a symbolic link to one is fine)",
        live.lastError().orElseThrow().getMessage());

    Files.delete(file);
    Files.writeString(file, ALLOW_B + "#".repeat(PolicyParser.MAX_FILE_BYTES));
    assertSame(good, live.current());
    assertEquals(
        file
            + ": the policy file is larger than 1 MiB\n"
            + "  hint: a policy is a few kilobytes of YAML: check that this is the policy file",
        live.lastError().orElseThrow().getMessage());

    Files.writeString(file, ALLOW_A); // the same bytes as the last good version: the error is gone
    assertEquals(good, live.current());
    assertTrue(live.lastError().isEmpty());
  }

  @Test
  void aBrokenFileWithNoGoodVersionIsDenyAll() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, "version: \"1.0\"\nnetwork: {}\n");
    LivePolicy live = new LivePolicy(file);
    assertEquals(Policy.denyAll(), live.current());
    assertTrue(live.lastError().isPresent());
  }

  @Test
  void removingTheFileReturnsToDenyAll() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, ALLOW_A);
    LivePolicy live = new LivePolicy(file);
    assertFalse(live.current().network().isDenyAll());
    Files.delete(file);
    assertEquals(Policy.denyAll(), live.current());
  }

  @Test
  void anUnchangedOldFileIsNotReRead() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, ALLOW_A);
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);
    LivePolicy live =
        new LivePolicy(file, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    Policy first = live.current();
    assertSame(first, live.current());
    // Rewrite in place with the same size and time stamp: a stat cannot see it, by design.
    Files.writeString(file, ALLOW_B);
    Files.setLastModifiedTime(file, old);
    assertSame(first, live.current());
    // An atomic replace (how PolicyEditor writes) changes the inode, so it is seen even with the
    // same stamp.
    Path temp = dir.resolve("tmp.yaml");
    Files.writeString(temp, ALLOW_B);
    Files.setLastModifiedTime(temp, old);
    Files.move(
        temp,
        file,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertTrue(live.current().network().allows("https", "b.example.com", 443, null));
  }
}
