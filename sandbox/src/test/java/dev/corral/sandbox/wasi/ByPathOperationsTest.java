package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.capability.DirectoryGrant;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mkdir, symlink and readlink act by path: when another process swaps the walked directory for a
 * link leading outside between the walk and the operation, the check through the walked handle
 * notices, what was made outside is removed, and the guest gets not-permitted.
 */
class ByPathOperationsTest {
  @TempDir Path temp;
  private Path data;
  private Path outside;

  @BeforeEach
  void files() throws Exception {
    data = Files.createDirectory(temp.resolve("data"));
    outside = Files.createDirectory(temp.resolve("outside"));
    Files.createDirectory(data.resolve("sub"));
  }

  /**
   * Another process moves {@code data/sub} away and puts a link to {@code outside} in its place.
   */
  private void swapSubForALinkOutside() throws Exception {
    Files.move(data.resolve("sub"), data.resolve("old"));
    Files.createSymbolicLink(data.resolve("sub"), Path.of("../outside"));
  }

  @Test
  void directoryCreatedOutsideAfterASwapIsRemoved() throws Exception {
    try (Preopen preopen = Preopen.open(DirectoryGrant.readWrite(data, "/data"));
        Preopen.Resolved r = preopen.resolve(List.of(), "sub/new", false)) {
      swapSubForALinkOutside();
      FsError e = assertThrows(FsError.class, () -> ByPathOperations.createDirectory(preopen, r));
      assertEquals(FsError.Code.NOT_PERMITTED, e.code);
      assertEquals(
          "the directory of 'new' changed while it was being created; what was created elsewhere was removed",
          e.getMessage());
      assertFalse(Files.exists(outside.resolve("new")));
      assertFalse(Files.exists(data.resolve("old/new")));
    }
  }

  @Test
  void linkCreatedOutsideAfterASwapIsRemoved() throws Exception {
    try (Preopen preopen = Preopen.open(DirectoryGrant.readWrite(data, "/data"));
        Preopen.Resolved r = preopen.resolve(List.of(), "sub/l", false)) {
      swapSubForALinkOutside();
      FsError e =
          assertThrows(FsError.class, () -> ByPathOperations.createSymbolicLink(preopen, r, "x"));
      assertEquals(FsError.Code.NOT_PERMITTED, e.code);
      assertEquals(
          "the directory of 'l' changed while it was being created; what was created elsewhere was removed",
          e.getMessage());
      assertFalse(Files.exists(outside.resolve("l"), LinkOption.NOFOLLOW_LINKS));
    }
  }

  @Test
  void linkOutsideIsNotReadAfterASwap() throws Exception {
    Files.createSymbolicLink(data.resolve("sub/l"), Path.of("inside"));
    Files.createSymbolicLink(outside.resolve("l"), Path.of("/home/someone/secret-name"));
    try (Preopen preopen = Preopen.open(DirectoryGrant.readOnly(data, "/data"));
        Preopen.Resolved r = preopen.resolve(List.of(), "sub/l", false)) {
      assertEquals("inside", ByPathOperations.readSymbolicLink(preopen, r));
      swapSubForALinkOutside();
      FsError e = assertThrows(FsError.class, () -> ByPathOperations.readSymbolicLink(preopen, r));
      assertEquals(FsError.Code.NOT_PERMITTED, e.code);
      assertEquals("the directory of 'l' changed while it was read", e.getMessage());
    }
  }

  @Test
  void withoutASwapTheOperationsActInTheWalkedDirectory() throws Exception {
    try (Preopen preopen = Preopen.open(DirectoryGrant.readWrite(data, "/data"))) {
      try (Preopen.Resolved r = preopen.resolve(List.of(), "sub/d", false)) {
        ByPathOperations.createDirectory(preopen, r);
      }
      try (Preopen.Resolved r = preopen.resolve(List.of(), "sub/l", false)) {
        ByPathOperations.createSymbolicLink(preopen, r, "d");
      }
      try (Preopen.Resolved r = preopen.resolve(List.of(), "sub/l", false)) {
        assertEquals("d", ByPathOperations.readSymbolicLink(preopen, r));
      }
      assertTrue(Files.isDirectory(data.resolve("sub/d")));
      assertEquals(Path.of("d"), Files.readSymbolicLink(data.resolve("sub/l")));
    }
  }
}
