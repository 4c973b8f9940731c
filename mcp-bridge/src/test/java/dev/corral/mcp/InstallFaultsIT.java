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
 * file-size limit, {@code ulimit -f}, which makes writes fail with EFBIG, the variant that always
 * runs; the tmpfs one is skipped, saying why, where mounting is refused) and the process killed
 * with SIGKILL at five points of an install, each of which must be hit. Each time the component
 * installed before stays installed and byte-identical (or, after a kill, the new one is there
 * whole), {@code component list} shows only whole components, every cached blob still hashes to its
 * name, and a fresh load succeeds.
 *
 * <p>The component being installed is the 12 MB JavaScript component of the sandbox tests ({@code
 * fetch.component.wasm.gz}); the one already installed is jco's adder.
 */
class InstallFaultsIT {
  private static final Path BIG_GZ =
      Path.of("../sandbox/src/test/resources/components/corral/fetch.component.wasm.gz")
          .toAbsolutePath();
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
    List<String> args =
        new ArrayList<>(
            List.of(
                "component",
                "load",
                McpProcess.testComponent("adder.component.wasm").toString(),
                "--id",
                ID));
    args.addAll(List.of(extra));
    Result result = corral(args.toArray(String[]::new));
    assertEquals(0, result.status(), result.toString());
  }

  private void assertOnlyWholeComponentsListed(Path directory, byte[]... allowed) throws Exception {
    Result list = corral("component", "list", "--component-dir", directory.toString());
    assertEquals(new Result(0, LISTED, ""), list);
    byte[] installed = Files.readAllBytes(directory.resolve(ID + ".wasm"));
    assertTrue(
        Stream.of(allowed).anyMatch(a -> Arrays.equals(a, installed)),
        "the installed component is neither the old one nor the new one whole ("
            + installed.length
            + " bytes)");
  }

  /** The installed adder still works: {@code corral tool invoke} adds through it. */
  private void assertAdderServes(Path directory) throws Exception {
    Result sum =
        corral(
            "tool",
            "invoke",
            "docs_adder_add_add",
            "--args",
            "{\"x\":2,\"y\":40}",
            "--component-dir",
            directory.toString());
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
        String hash =
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(blob)));
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
    // 2 MiB per file (ulimit -f counts 512-byte blocks in sh); the JVM ignores SIGXFSZ, so writes
    // fail with EFBIG
    Result full =
        corral(
            List.of("sh", "-c", "ulimit -f 4096 && exec \"$@\"", "sh"),
            "component",
            "load",
            big.toString(),
            "--id",
            ID);
    assertEquals(1, full.status(), full.toString());
    assertTrue(
        full.lastErrorLine().startsWith("corral: cannot write " + data().resolve("oci/tmp")),
        full.stderr());
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
    Ran mount = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", small.toString());
    assumeTrue(
        mount.status() == 0,
        () ->
            "skipped: mounting a 4 MiB tmpfs on "
                + small
                + " is not permitted here ("
                + mount.output().strip()
                + "); fileSizeLimitWhileCachingKeepsTheInstalledComponent, which always runs, "
                + "covers the same code with a file-size limit");
    try {
      // the components on the small file system, the cache on the big one: installing fails
      Path smallComponents = small.resolve("components");
      installAdder("--component-dir", smallComponents.toString());
      Result full =
          corral(
              "component",
              "load",
              big.toString(),
              "--id",
              ID,
              "--component-dir",
              smallComponents.toString());
      assertEquals(1, full.status(), full.toString());
      assertTrue(
          full.lastErrorLine()
              .startsWith("corral: " + big + ": cannot install into " + smallComponents + ": "),
          full.stderr());
      assertTrue(full.lastErrorLine().endsWith(": No space left on device"), full.stderr());
      assertArrayEquals(adderBytes, Files.readAllBytes(smallComponents.resolve(ID + ".wasm")));
      assertOnlyWholeComponentsListed(smallComponents, adderBytes);
      assertEquals(List.of(), partials(smallComponents));
      assertCacheHoldsOnlyVerifiedBlobs(data());
      assertAdderServes(smallComponents);

      // everything on the small file system: caching fails
      Path smallData = small.resolve("xdg");
      List<String> env = List.of("env", "XDG_DATA_HOME=" + smallData);
      Result adder =
          corral(
              env,
              "component",
              "load",
              McpProcess.testComponent("adder.component.wasm").toString(),
              "--id",
              ID);
      assertEquals(0, adder.status(), adder.toString());
      Result cacheFull = corral(env, "component", "load", big.toString(), "--id", ID);
      assertEquals(1, cacheFull.status(), cacheFull.toString());
      assertTrue(
          cacheFull
              .lastErrorLine()
              .startsWith("corral: cannot write " + smallData.resolve("corral/oci/tmp")),
          cacheFull.stderr());
      assertTrue(
          cacheFull.lastErrorLine().endsWith(".partial: No space left on device"),
          cacheFull.stderr());
      Path smallInstalled = smallData.resolve("corral/components");
      assertArrayEquals(adderBytes, Files.readAllBytes(smallInstalled.resolve(ID + ".wasm")));
      assertOnlyWholeComponentsListed(smallInstalled, adderBytes);
      assertEquals(List.of(), partials(smallData.resolve("corral/oci/tmp")));
      assertCacheHoldsOnlyVerifiedBlobs(smallData.resolve("corral"));

      // room again: the same load succeeds
      assertEquals(0, run("mount", "-o", "remount,size=64m", small.toString()).status());
      Result fresh =
          corral(
              "component",
              "load",
              big.toString(),
              "--id",
              ID,
              "--component-dir",
              smallComponents.toString());
      assertEquals(0, fresh.status(), fresh.toString());
      assertArrayEquals(bigBytes, Files.readAllBytes(smallComponents.resolve(ID + ".wasm")));
    } finally {
      assertEquals(0, run("umount", small.toString()).status());
    }
  }

  /**
   * Kills {@code corral component load} with SIGKILL: while the blob is being written to the cache,
   * while the cached component is decoded and linked, while it is copied into place, and at a
   * quarter and at half of the time a whole load takes (measured first). After each, the old
   * component or the new one whole is installed. Every point must be hit: a round in which the load
   * finished before its point came is tried again, up to {@value #ATTEMPTS_PER_POINT} times.
   */
  @Test
  void killedDuringInstallLeavesTheOldComponentOrTheNewOneWhole() throws Exception {
    Path tmp = data().resolve("oci/tmp");
    Path cached = data().resolve("oci/blobs/sha256").resolve(sha256Hex(bigBytes));
    long wholeLoad = timeAWholeLoad(cached);
    List<String> names =
        List.of(
            "writing the cache",
            "decoding the cached component",
            "copying into place",
            "at " + wholeLoad / 4 + " ms",
            "at " + wholeLoad / 2 + " ms");
    List<Predicate<Long>> triggers =
        List.of(
            elapsed -> !partialsQuietly(tmp).isEmpty(),
            elapsed -> Files.exists(cached),
            elapsed -> !partialsQuietly(components()).isEmpty(),
            elapsed -> elapsed > wholeLoad / 4,
            elapsed -> elapsed > wholeLoad / 2);
    List<String> killed = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    for (int point = 0; point < triggers.size(); point++) {
      boolean hit = false;
      for (int attempt = 1; attempt <= ATTEMPTS_PER_POINT && !hit; attempt++) {
        installAdder();
        Files.deleteIfExists(cached); // every round writes the cache again
        hit = killWhen(triggers.get(point));
        killed.add(
            "point "
                + point
                + " ("
                + names.get(point)
                + "), attempt "
                + attempt
                + ": "
                + (hit ? "killed there" : "the load finished first"));
        assertOnlyWholeComponentsListed(components(), adderBytes, bigBytes);
        assertCacheHoldsOnlyVerifiedBlobs(data());
        if (hit && point == 1) {
          assertArrayEquals(
              adderBytes,
              Files.readAllBytes(components().resolve(ID + ".wasm")),
              "killed before the copy");
          assertAdderServes(components());
        }
      }
      if (!hit) {
        missed.add(names.get(point));
      }
    }
    assertEquals(
        List.of(), missed, "kill points never reached before the load finished: " + killed);

    // what the kills left behind: temporary files, invisible to list and never read
    killed.add(
        "left over: "
            + partials(tmp).size()
            + " in "
            + tmp
            + ", "
            + partials(components()).size()
            + " in "
            + components());

    Result fresh = corral("component", "load", big.toString(), "--id", ID);
    assertEquals(0, fresh.status(), fresh + " after " + killed);
    assertArrayEquals(bigBytes, Files.readAllBytes(components().resolve(ID + ".wasm")));
    assertOnlyWholeComponentsListed(components(), bigBytes);
    Files.writeString(
        Path.of("target/install-kill-points.txt"),
        "a whole load: " + wholeLoad + " ms\n" + String.join("\n", killed) + "\n",
        StandardCharsets.UTF_8);
  }

  private static final int ATTEMPTS_PER_POINT = 3;

  /** How long a whole {@code component load} of the big component takes here, in milliseconds. */
  private long timeAWholeLoad(Path cached) throws Exception {
    installAdder();
    Files.deleteIfExists(cached);
    long start = System.nanoTime();
    Result whole = corral("component", "load", big.toString(), "--id", ID);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(0, whole.status(), whole.toString());
    return millis;
  }

  /**
   * Starts a load and kills it (SIGKILL) as soon as {@code trigger} holds; true if it did while the
   * load still ran, false if the load finished first.
   */
  private boolean killWhen(Predicate<Long> trigger) throws Exception {
    Process load =
        McpProcess.corral(home, "component", "load", big.toString(), "--id", ID)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long start = System.nanoTime();
    boolean hit = false;
    while (load.isAlive()) {
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (trigger.test(elapsed)) {
        hit = load.isAlive();
        break;
      }
      if (elapsed > 60_000) {
        break;
      }
      Thread.onSpinWait();
    }
    load.destroyForcibly(); // SIGKILL
    assertTrue(load.waitFor(30, TimeUnit.SECONDS));
    return hit;
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

  record Ran(int status, String output) {}

  private static Ran run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Ran(process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1, output);
  }
}
