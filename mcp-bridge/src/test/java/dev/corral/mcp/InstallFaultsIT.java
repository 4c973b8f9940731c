package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while {@code corral component load} caches and installs, against the real CLI: the disk
 * filling up (a real full file system, a 4 MiB tmpfs, where mounting is permitted; everywhere, a
 * file-size limit, {@code ulimit -f}, which makes writes fail with EFBIG) and the process killed
 * with SIGKILL at several points of an install. Each time the component installed before stays
 * installed and byte-identical (or, after a kill, the new one is there whole), {@code component
 * list} shows only whole components, every cached blob still hashes to its name, and a fresh
 * load succeeds.
 *
 * <p>The component being installed is the 12 MB JavaScript component of the sandbox tests
 * ({@code fetch.component.wasm.gz}); the one already installed is jco's adder.
 */
class InstallFaultsIT {
  private static final Path BIG_GZ = Path.of("../sandbox/src/test/resources/components/corral/fetch.component.wasm.gz").toAbsolutePath();
  private static final String ID = "tool";
  private static final String LISTED = ID + "  (no policy: nothing granted)";

  @TempDir Path home;
  private Path big;
  private byte[] bigBytes;
  private byte[] adderBytes;

  @BeforeEach
  void readComponents() throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(BIG_GZ))) {
      bigBytes = in.readAllBytes();
    }
    big = home.resolve("fetch.wasm");
    Files.write(big, bigBytes);
    adderBytes = Files.readAllBytes(McpProcess.testComponent("adder.component.wasm"));
  }

  private Path data() {
    return home.resolve("data/corral");
  }

  private Path components() {
    return data().resolve("components");
  }

  /** Runs the CLI to its end; returns its exit status and output. */
  private Result corral(List<String> prefix, String... args) throws Exception {
    ProcessBuilder builder = McpProcess.corral(home, args);
    List<String> command = new ArrayList<>(prefix);
    command.addAll(builder.command());
    builder.command(command);
    try (McpProcess process = McpProcess.start(builder)) {
      int status = process.waitForExit();
      return new Result(status, String.join("\n", process.stdoutSoFar()), process.stderr().strip());
    }
  }

  private Result corral(String... args) throws Exception {
    return corral(List.of(), args);
  }

  record Result(int status, String stdout, String stderr) {
    String lastErrorLine() {
      List<String> lines = stderr.lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  private void installAdder(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("component", "load", McpProcess.testComponent("adder.component.wasm").toString(), "--id", ID));
    args.addAll(List.of(extra));
    Result result = corral(args.toArray(String[]::new));
    assertEquals(0, result.status(), result.toString());
  }

  private void assertOnlyWholeComponentsListed(Path directory, byte[]... allowed) throws Exception {
    Result list = corral("component", "list", "--component-dir", directory.toString());
    assertEquals(new Result(0, LISTED, ""), list);
    byte[] installed = Files.readAllBytes(directory.resolve(ID + ".wasm"));
    assertTrue(Stream.of(allowed).anyMatch(a -> Arrays.equals(a, installed)),
        "the installed component is neither the old one nor the new one whole (" + installed.length + " bytes)");
  }

  /** The installed adder still works: {@code corral tool invoke} adds through it. */
  private void assertAdderServes(Path directory) throws Exception {
    Result sum = corral("tool", "invoke", "docs_adder_add_add", "--args", "{\"x\":2,\"y\":40}", "--component-dir", directory.toString());
    assertEquals(new Result(0, "{\"result\":42}", ""), sum);
  }

  /** Every file in the blob cache hashes to its name: nothing partial was ever put in place. */
  private void assertCacheHoldsOnlyVerifiedBlobs(Path data) throws Exception {
    Path blobs = data.resolve("oci/blobs/sha256");
    if (!Files.isDirectory(blobs)) {
      return;
    }
    try (Stream<Path> files = Files.list(blobs)) {
      for (Path blob : files.toList()) {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(blob)));
        assertEquals(blob.getFileName().toString(), hash, "cache file " + blob);
      }
    }
  }

  private static List<Path> partials(Path directory) throws Exception {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
    }
  }

  @Test
  void fileSizeLimitWhileCachingKeepsTheInstalledComponent() throws Exception {
    installAdder();
    // 2 MiB per file (ulimit -f counts 512-byte blocks in sh); the JVM ignores SIGXFSZ, so writes fail with EFBIG
    Result full = corral(List.of("sh", "-c", "ulimit -f 4096 && exec \"$@\"", "sh"), "component", "load", big.toString(), "--id", ID);
    assertEquals(1, full.status(), full.toString());
    assertTrue(full.lastErrorLine().startsWith("corral: cannot write " + data().resolve("oci/tmp")), full.stderr());
    assertTrue(full.lastErrorLine().endsWith(".partial: File too large"), full.stderr());
    assertArrayEquals(adderBytes, Files.readAllBytes(components().resolve(ID + ".wasm")));
    assertOnlyWholeComponentsListed(components(), adderBytes);
    assertEquals(List.of(), partials(data().resolve("oci/tmp")));
    assertEquals(List.of(), partials(components()));
    assertCacheHoldsOnlyVerifiedBlobs(data());
    assertAdderServes(components());

    installAdder();
    assertArrayEquals(adderBytes, Files.readAllBytes(components().resolve(ID + ".wasm")));
  }

  @Test
  void fullDiskWhileCachingAndWhileInstallingKeepsTheInstalledComponent() throws Exception {
    Path small = home.resolve("small");
    Files.createDirectories(small);
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", small.toString()) == 0,
        "mounting a tmpfs is not permitted here (the file-size-limit test covers the same code)");
    try {
      // the components on the small file system, the cache on the big one: installing fails
      Path smallComponents = small.resolve("components");
      installAdder("--component-dir", smallComponents.toString());
      Result full = corral("component", "load", big.toString(), "--id", ID, "--component-dir", smallComponents.toString());
      assertEquals(1, full.status(), full.toString());
      assertTrue(full.lastErrorLine().startsWith("corral: " + big + ": cannot install into " + smallComponents + ": "), full.stderr());
      assertTrue(full.lastErrorLine().endsWith(": No space left on device"), full.stderr());
      assertArrayEquals(adderBytes, Files.readAllBytes(smallComponents.resolve(ID + ".wasm")));
      assertOnlyWholeComponentsListed(smallComponents, adderBytes);
      assertEquals(List.of(), partials(smallComponents));
      assertCacheHoldsOnlyVerifiedBlobs(data());
      assertAdderServes(smallComponents);

      // everything on the small file system: caching fails
      Path smallData = small.resolve("xdg");
      List<String> env = List.of("env", "XDG_DATA_HOME=" + smallData);
      Result adder = corral(env, "component", "load", McpProcess.testComponent("adder.component.wasm").toString(), "--id", ID);
      assertEquals(0, adder.status(), adder.toString());
      Result cacheFull = corral(env, "component", "load", big.toString(), "--id", ID);
      assertEquals(1, cacheFull.status(), cacheFull.toString());
      assertTrue(cacheFull.lastErrorLine().startsWith("corral: cannot write " + smallData.resolve("corral/oci/tmp")),
          cacheFull.stderr());
      assertTrue(cacheFull.lastErrorLine().endsWith(".partial: No space left on device"), cacheFull.stderr());
      Path smallInstalled = smallData.resolve("corral/components");
      assertArrayEquals(adderBytes, Files.readAllBytes(smallInstalled.resolve(ID + ".wasm")));
      assertOnlyWholeComponentsListed(smallInstalled, adderBytes);
      assertEquals(List.of(), partials(smallData.resolve("corral/oci/tmp")));
      assertCacheHoldsOnlyVerifiedBlobs(smallData.resolve("corral"));

      // room again: the same load succeeds
      assertEquals(0, run("mount", "-o", "remount,size=64m", small.toString()));
      Result fresh = corral("component", "load", big.toString(), "--id", ID, "--component-dir", smallComponents.toString());
      assertEquals(0, fresh.status(), fresh.toString());
      assertArrayEquals(bigBytes, Files.readAllBytes(smallComponents.resolve(ID + ".wasm")));
    } finally {
      assertEquals(0, run("umount", small.toString()));
    }
  }

  /**
   * Kills {@code corral component load} with SIGKILL: while the blob is being written to the
   * cache, while the cached component is decoded and linked, while it is copied into place, and
   * at fixed delays. After each, the old component or the new one whole is installed.
   */
  @Test
  void killedDuringInstallLeavesTheOldComponentOrTheNewOneWhole() throws Exception {
    Path tmp = data().resolve("oci/tmp");
    Path cached = data().resolve("oci/blobs/sha256").resolve(sha256Hex(bigBytes));
    List<Predicate<Long>> triggers = List.of(
        elapsed -> !partialsQuietly(tmp).isEmpty(),
        elapsed -> Files.exists(cached),
        elapsed -> !partialsQuietly(components()).isEmpty(),
        elapsed -> elapsed > 1_500,
        elapsed -> elapsed > 3_000);
    List<String> killed = new ArrayList<>();
    for (int point = 0; point < triggers.size(); point++) {
      installAdder();
      Files.deleteIfExists(cached); // every round writes the cache again
      Process load = McpProcess.corral(home, "component", "load", big.toString(), "--id", ID)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long start = System.nanoTime();
      while (load.isAlive()) {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (triggers.get(point).test(elapsed) || elapsed > 60_000) {
          break;
        }
        Thread.onSpinWait();
      }
      boolean alive = load.isAlive();
      load.destroyForcibly(); // SIGKILL
      assertTrue(load.waitFor(30, TimeUnit.SECONDS));
      killed.add("point " + point + ": " + (alive ? "killed" : "had already finished"));
      assertOnlyWholeComponentsListed(components(), adderBytes, bigBytes);
      assertCacheHoldsOnlyVerifiedBlobs(data());
      if (point == 1) {
        assertArrayEquals(adderBytes, Files.readAllBytes(components().resolve(ID + ".wasm")), "killed before the copy");
        assertAdderServes(components());
      }
    }
    // killed while decoding the cached component (long enough to be hit every time)
    assertTrue(killed.get(1).endsWith("killed"), killed.toString());

    // what the kills left behind: temporary files, invisible to list and never read
    killed.add("left over: " + partials(tmp).size() + " in " + tmp + ", " + partials(components()).size() + " in " + components());

    Result fresh = corral("component", "load", big.toString(), "--id", ID);
    assertEquals(0, fresh.status(), fresh + " after " + killed);
    assertArrayEquals(bigBytes, Files.readAllBytes(components().resolve(ID + ".wasm")));
    assertOnlyWholeComponentsListed(components(), bigBytes);
    Files.writeString(Path.of("target/install-kill-points.txt"), String.join("\n", killed) + "\n", StandardCharsets.UTF_8);
  }

  private static List<Path> partialsQuietly(Path directory) {
    try {
      return partials(directory);
    } catch (Exception e) {
      return List.of();
    }
  }

  private static String sha256Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }
}
