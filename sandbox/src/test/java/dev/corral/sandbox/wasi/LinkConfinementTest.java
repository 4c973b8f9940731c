package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.capability.DirectoryGrant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lexical link check and the walk a rename does before moving a directory up. */
class LinkConfinementTest {
  @TempDir Path temp;
  private Path data;

  @BeforeEach
  void files() throws Exception {
    data = Files.createDirectory(temp.resolve("data"));
    Files.createDirectories(data.resolve("z/d/e"));
  }

  @Test
  void aTargetStaysInsideUnlessItIsAbsoluteOrClimbsAboveTheRootOrAfterAName() {
    assertTrue(LinkConfinement.staysInside(0, "a/b"));
    assertTrue(LinkConfinement.staysInside(1, "../a"));
    assertTrue(LinkConfinement.staysInside(0, "./a/./b/"));
    assertTrue(LinkConfinement.staysInside(2, "../../x"));
    // a climb after a name: refused even where it climbs back lexically, since the name may
    // be (or become) a link and the system climbs from where that leads
    assertFalse(LinkConfinement.staysInside(0, "a/../b/./c"));
    assertFalse(LinkConfinement.staysInside(1, "s/.."));
    assertFalse(LinkConfinement.staysInside(0, "../a"));
    assertFalse(LinkConfinement.staysInside(1, "a/../../.."));
    assertFalse(LinkConfinement.staysInside(3, "/etc"));
  }

  @Test
  void aClimbAfterALinkWouldLeadOutThoughItLooksLexicallyInside() throws Exception {
    // d/s -> .. is inside; d/l -> s/.. would be data/d/s/.. = data/.. on the host
    Files.createDirectory(data.resolve("d"));
    Files.createSymbolicLink(data.resolve("d/s"), Path.of(".."));
    assertTrue(LinkConfinement.staysInside(1, ".."));
    Files.createSymbolicLink(data.resolve("d/l"), Path.of("s/.."));
    assertEquals(temp.toRealPath(), data.resolve("d/l").toRealPath());
    assertFalse(LinkConfinement.staysInside(1, "s/.."));
  }

  @Test
  void aLinkDeepInsideAMovedDirectoryIsCheckedAtItsNewDepth() throws Exception {
    Files.createSymbolicLink(data.resolve("z/d/e/l"), Path.of("../../../a.txt"));
    try (Preopen preopen = Preopen.open(DirectoryGrant.readWrite(data, "/data"));
        Preopen.Resolved r = preopen.resolve(List.of(), "z/d", false)) {
      // into the root, z/d/e/l would be d/e/l: three levels up from d/e is above the root
      FsError e =
          assertThrows(FsError.class, () -> LinkConfinement.checkMove(preopen, r, 0, "z/d"));
      assertEquals(FsError.Code.NOT_PERMITTED, e.code);
      assertEquals(
          "renaming 'z/d' there would make the target '../../../a.txt' of its link 'e/l' lead outside",
          e.getMessage());
      // into a directory one level down, as deep as before: fine
      LinkConfinement.checkMove(preopen, r, 1, "z/d");
    }
  }

  @Test
  void aMovedLinkIsCheckedFromItsNewDirectory() throws Exception {
    Files.createSymbolicLink(data.resolve("z/l"), Path.of("../a.txt"));
    try (Preopen preopen = Preopen.open(DirectoryGrant.readWrite(data, "/data"));
        Preopen.Resolved r = preopen.resolve(List.of(), "z/l", false)) {
      FsError e =
          assertThrows(FsError.class, () -> LinkConfinement.checkMove(preopen, r, 0, "z/l"));
      assertEquals(FsError.Code.NOT_PERMITTED, e.code);
      assertEquals(
          "renaming 'z/l' there would make its target '../a.txt' lead outside", e.getMessage());
      LinkConfinement.checkMove(preopen, r, 1, "z/l");
    }
  }

  @Test
  void aDirectoryTooBigToCheckIsNotMovedUp() throws Exception {
    Path big = data.resolve("z/d/e");
    for (int i = 0; i < LinkConfinement.MAX_ENTRIES_CHECKED; i++) {
      Files.createFile(big.resolve("f" + i));
    }
    try (Preopen preopen = Preopen.open(DirectoryGrant.readWrite(data, "/data"));
        Preopen.Resolved r = preopen.resolve(List.of(), "z/d", false)) {
      // e itself and its 10,000 files: one entry too many
      FsError e =
          assertThrows(FsError.class, () -> LinkConfinement.checkMove(preopen, r, 0, "z/d"));
      assertEquals(FsError.Code.NOT_PERMITTED, e.code);
      assertEquals(
          "'z/d' holds more than 10000 entries, too many to check its symbolic links before moving it up",
          e.getMessage());
      // moving it sideways needs no walk
      LinkConfinement.checkMove(preopen, r, 1, "z/d");
    }
  }
}
