package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local component file comes with the policy beside it, copied into the cache with it. */
class LocalFileSourceTest {
  @TempDir Path data;

  @TempDir Path files;

  private final byte[] adder = readComponent();

  private static byte[] readComponent() {
    try (var in =
        LocalFileSourceTest.class.getResourceAsStream("/components/adder.component.wasm")) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private OciComponents oci() {
    return new OciComponents(data, RegistrySettings.fromEnvironment(Map.of()), TrustPolicy.empty());
  }

  @Test
  void thePolicyBesideTheFileIsTakenAndCopiedIntoTheCache() throws Exception {
    Path wasm = Files.write(files.resolve("adder.wasm"), adder);
    String yaml = "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n";
    Path beside = Files.writeString(files.resolve("adder.policy.yaml"), yaml);
    assertEquals(beside, OciComponents.policyBeside(wasm));

    InstalledComponent pulled = oci().pull(wasm.toUri().toString(), InstallOptions.VERIFIED);
    Path policy = pulled.policy().orElseThrow();
    assertTrue(policy.startsWith(data), policy + " is in the cache");
    Files.writeString(beside, "changed after the pull");
    assertEquals(yaml, Files.readString(policy), "the cached copy is what was read at the pull");
    assertArrayEquals(adder, Files.readAllBytes(pulled.component()));
    assertFalse(pulled.signature().verified());
  }

  @Test
  void withoutAPolicyBesideItThereIsNone() throws Exception {
    Path wasm = Files.write(files.resolve("adder.component.wasm"), adder);
    Files.writeString(
        files.resolve("adder.component.wasm.policy.yaml"), "not the name the rule gives");
    assertEquals(files.resolve("adder.component.policy.yaml"), OciComponents.policyBeside(wasm));
    assertEquals(
        Optional.empty(), oci().pull(wasm.toUri().toString(), InstallOptions.VERIFIED).policy());
  }

  @Test
  void aPolicyOverOneMebibyteIsRefused() throws Exception {
    Path wasm = Files.write(files.resolve("adder.wasm"), adder);
    Path beside = Files.writeString(files.resolve("adder.policy.yaml"), "#".repeat((1 << 20) + 1));
    OciException e =
        assertThrows(
            OciException.class, () -> oci().pull(wasm.toUri().toString(), InstallOptions.VERIFIED));
    assertEquals(
        beside + " has more than 1048576 bytes, the most a policy may have", e.getMessage());
  }

  @Test
  void aFifoADeviceAndAPipeAreRefusedWithoutBeingOpened() throws Exception {
    Path fifo = files.resolve("fifo.wasm");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    // Opening the FIFO would block this thread until a writer came: the test would hang, not fail.
    for (Path path : List.of(fifo, Path.of("/dev/zero"), Path.of("/proc/self/fd/0"))) {
      OciException e =
          assertThrows(
              OciException.class,
              () -> oci().pull(path.toUri().toString(), InstallOptions.VERIFIED));
      assertEquals(path + " is not a readable regular file", e.getMessage());
    }
  }

  @Test
  void anAbsentPathADirectoryAndAnUnreadableFileGetTheSameMessage() throws Exception {
    Path unreadable = Files.write(files.resolve("secret.wasm"), adder);
    Files.setPosixFilePermissions(unreadable, java.util.Set.of());
    List<Path> paths = new java.util.ArrayList<>(List.of(files.resolve("absent.wasm"), files));
    if (!Files.isReadable(unreadable)) {
      paths.add(unreadable); // root reads everything
    }
    for (Path path : paths) {
      OciException e =
          assertThrows(
              OciException.class,
              () -> oci().pull(path.toUri().toString(), InstallOptions.VERIFIED));
      assertEquals(path + " is not a readable regular file", e.getMessage());
    }
  }
}
