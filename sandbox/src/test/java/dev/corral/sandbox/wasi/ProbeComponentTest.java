package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.CallFailedException;
import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.DirectoryGrant;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The WASI host against a real component built from C in this repository (src/test/c/probe:
 * clang-14, wasi-libc, the preview1 reactor adapter): each capability granted and denied, every
 * path escape, and every limit.
 */
class ProbeComponentTest {
  private static SandboxedComponent probe;

  @TempDir Path temp;
  private Path data;
  private Path outside;

  @BeforeAll
  static void load() throws Exception {
    probe = SandboxedComponent.load(Components.bytes("corral/probe.component.wasm"));
  }

  @BeforeEach
  void files() throws Exception {
    data = Files.createDirectory(temp.resolve("data"));
    outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "top secret");
    Files.writeString(data.resolve("a.txt"), "hello file");
    Files.createDirectory(data.resolve("sub"));
    Files.writeString(data.resolve("sub/b.txt"), "in sub");
  }

  private Capabilities readOnly() {
    return Capabilities.none().withDirectories(List.of(DirectoryGrant.readOnly(data, "/data")));
  }

  private Capabilities readWrite() {
    return Capabilities.none().withDirectories(List.of(DirectoryGrant.readWrite(data, "/data")));
  }

  private static CallResult call(String op, String arg, Capabilities caps)
      throws CallFailedException {
    return probe.call("run", List.of(new StringValue(op), new StringValue(arg)), caps);
  }

  private static String ok(String op, String arg, Capabilities caps) throws CallFailedException {
    ResultValue r = (ResultValue) call(op, arg, caps).value().orElseThrow();
    String text = ((StringValue) r.payload().orElseThrow()).value();
    assertTrue(r.isOk(), () -> op + " " + arg + " failed in the guest: " + text);
    return text;
  }

  private static String err(String op, String arg, Capabilities caps) throws CallFailedException {
    ResultValue r = (ResultValue) call(op, arg, caps).value().orElseThrow();
    String text = ((StringValue) r.payload().orElseThrow()).value();
    assertFalse(r.isOk(), () -> op + " " + arg + " unexpectedly succeeded: " + text);
    return text;
  }

  // ------------------------------------------------------------------ filesystem granted/denied

  @Test
  void readsAGrantedDirectory() throws Exception {
    assertEquals("hello file", ok("read", "/data/a.txt", readOnly()));
    assertEquals("in sub", ok("read", "/data/sub/b.txt", readOnly()));
    assertEquals("a.txt sub/ ", ok("list", "/data", readOnly()));
    assertEquals("file size=10", ok("stat", "/data/a.txt", readOnly()));
  }

  @Test
  void withoutAGrantThereIsNoFilesystem() throws Exception {
    // no preopen: wasi-libc finds no directory to resolve the path against
    assertEquals(
        "open: Capabilities insufficient", err("read", "/data/a.txt", Capabilities.none()));
    assertEquals("open: Capabilities insufficient", err("read", "/etc/passwd", readOnly()));
  }

  @Test
  void readOnlyGrantRefusesEveryWrite() throws Exception {
    assertEquals("open: Read-only file system", err("write", "/data/new.txt\nx", readOnly()));
    assertEquals("open: Read-only file system", err("write", "/data/a.txt\nx", readOnly()));
    assertEquals("mkdir: Read-only file system", err("mkdir", "/data/d", readOnly()));
    assertEquals("unlink: Read-only file system", err("unlink", "/data/a.txt", readOnly()));
    assertEquals(
        "rename: Read-only file system", err("rename", "/data/a.txt\n/data/c.txt", readOnly()));
    assertEquals("symlink: Read-only file system", err("symlink", "a.txt\n/data/l", readOnly()));
    assertEquals("hello file", Files.readString(data.resolve("a.txt")));
    assertEquals(
        List.of("a.txt", "sub"),
        Files.list(data).map(p -> p.getFileName().toString()).sorted().toList());
  }

  @Test
  void writableGrantAllowsChanges() throws Exception {
    Capabilities caps = readWrite();
    assertEquals("ok", ok("write", "/data/new.txt\nbee", caps));
    assertEquals("ok", ok("append", "/data/new.txt\n more", caps));
    assertEquals("bee more", Files.readString(data.resolve("new.txt")));
    assertEquals("ok", ok("mkdir", "/data/sub/d", caps));
    assertTrue(Files.isDirectory(data.resolve("sub/d")));
    assertEquals("ok", ok("rename", "/data/new.txt\n/data/sub/d/moved.txt", caps));
    assertEquals("bee more", Files.readString(data.resolve("sub/d/moved.txt")));
    assertEquals("ok", ok("unlink", "/data/sub/d/moved.txt", caps));
    assertEquals("ok", ok("rmdir", "/data/sub/d", caps));
    assertFalse(Files.exists(data.resolve("sub/d")));
  }

  // ------------------------------------------------------------------ escapes

  @Test
  void dotDotCannotLeaveTheGrant() throws Exception {
    assertEquals(
        "open: Operation not permitted", err("read", "/data/../outside/secret.txt", readOnly()));
    assertEquals(
        "open: Operation not permitted",
        err("read", "/data/sub/../../outside/secret.txt", readOnly()));
    assertEquals(
        "write: Operation not permitted".replace("write", "open"),
        err("write", "/data/../outside/new.txt\nx", readWrite()));
    assertFalse(Files.exists(outside.resolve("new.txt")));
  }

  @Test
  void hostSymlinksLeadingOutAreRefused() throws Exception {
    Files.createSymbolicLink(data.resolve("abs"), outside);
    Files.createSymbolicLink(data.resolve("rel"), Path.of("../outside"));
    Files.createSymbolicLink(data.resolve("file"), outside.resolve("secret.txt"));
    assertEquals("open: Operation not permitted", err("read", "/data/abs/secret.txt", readOnly()));
    assertEquals("open: Operation not permitted", err("read", "/data/rel/secret.txt", readOnly()));
    assertEquals("open: Operation not permitted", err("read", "/data/file", readOnly()));
    assertEquals("stat: Operation not permitted", err("stat", "/data/rel/secret.txt", readOnly()));
    assertEquals("opendir: Operation not permitted", err("list", "/data/rel", readOnly()));
  }

  @Test
  void symlinksInsideTheGrantWork() throws Exception {
    Files.createSymbolicLink(data.resolve("link"), Path.of("sub/b.txt"));
    Files.createSymbolicLink(data.resolve("sub/up"), Path.of("../a.txt"));
    assertEquals("in sub", ok("read", "/data/link", readOnly()));
    assertEquals("hello file", ok("read", "/data/sub/up", readOnly()));
    assertEquals("sub/b.txt", ok("readlink", "/data/link", readOnly()));
  }

  @Test
  void openDescriptorsAreCapped() throws Exception {
    // error-code quota is case 6; the preopens the adapter and the probe hold count too
    assertEquals("opened 254, then error-code 6", ok("fdbomb", "a.txt", readOnly()));
    assertEquals("hello file", ok("read", "/data/a.txt", readOnly()));
  }

  @Test
  void specialFilesAreNotOpened() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", data.resolve("fifo").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    assertEquals("open: Operation not permitted", err("read", "/data/fifo", readOnly()));
  }

  @Test
  void symlinkLoopsEndWithLoop() throws Exception {
    Files.createSymbolicLink(data.resolve("x"), Path.of("y"));
    Files.createSymbolicLink(data.resolve("y"), Path.of("x"));
    assertEquals("open: Symbolic link loop", err("read", "/data/x", readOnly()));
  }

  @Test
  void guestCannotCreateSymlinksLeadingOut() throws Exception {
    Capabilities caps = readWrite();
    assertEquals("symlink: Operation not permitted", err("symlink", "../outside\n/data/esc", caps));
    assertEquals(
        "symlink: Operation not permitted", err("symlink", "../../outside\n/data/sub/esc", caps));
    assertEquals("symlink: Operation not permitted", err("symlink", "/etc\n/data/abs", caps));
    assertEquals("symlink: Operation not permitted", err("symlink", "sub/../..\n/data/esc2", caps));
    assertFalse(Files.exists(data.resolve("esc"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(data.resolve("abs"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    // a link that stays inside is fine, and reads through it work
    assertEquals("ok", ok("symlink", "../a.txt\n/data/sub/back", caps));
    assertEquals("hello file", ok("read", "/data/sub/back", caps));
  }

  @Test
  void renameCannotMakeALinkLeadOut() throws Exception {
    Capabilities caps = readWrite();
    Files.createDirectories(data.resolve("z/d"));
    // z/l -> ../a.txt stays inside where it is created; moved up to the root it would lead out
    assertEquals("ok", ok("symlink", "../a.txt\n/data/z/l", caps));
    assertEquals("rename: Operation not permitted", err("rename", "/data/z/l\n/data/l", caps));
    assertEquals(Path.of("../a.txt"), Files.readSymbolicLink(data.resolve("z/l")));
    assertFalse(Files.exists(data.resolve("l"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    // nor can a directory holding such a link move up
    assertEquals("ok", ok("symlink", "../../a.txt\n/data/z/d/l", caps));
    assertEquals("rename: Operation not permitted", err("rename", "/data/z/d\n/data/d", caps));
    assertTrue(Files.isSymbolicLink(data.resolve("z/d/l")));
    assertFalse(Files.exists(data.resolve("d")));
    // at the same depth or deeper every link keeps leading where it did
    assertEquals("ok", ok("rename", "/data/z/d\n/data/sub/d", caps));
    assertEquals("hello file", ok("read", "/data/sub/d/l", caps));
    assertEquals("ok", ok("rename", "/data/z/l\n/data/sub/l", caps));
    assertEquals("hello file", ok("read", "/data/sub/l", caps));
    // a link that stays inside from its new place moves up
    assertEquals("ok", ok("symlink", "b.txt\n/data/sub/near", caps));
    assertEquals("ok", ok("rename", "/data/sub/near\n/data/near", caps));
    assertEquals(Path.of("b.txt"), Files.readSymbolicLink(data.resolve("near")));
  }

  /**
   * The race of issue 15: one call makes {@code a/b/nest/out -> ../../outside} (inside where it is
   * made) and removes it, over and over, while a concurrent call moves {@code a/b/nest} up to
   * {@code nest} (where that link would lead out of the grant) and back. Without one lock over each
   * check and its act, a link was created between the rename's walk and its move within a few
   * hundred tries, and the nested grant {@code nest/out} was then opened through it.
   */
  @Test
  void concurrentCallsCannotSlipALinkIntoADirectoryBeingMovedUp() throws Exception {
    Files.createDirectories(data.resolve("nest/out"));
    Files.createDirectories(data.resolve("a/b/nest"));
    // entries for the rename's walk to read: a wider window for the race on the code before the fix
    for (int i = 0; i < 2000; i++) {
      Files.createFile(data.resolve("a/b/nest/f" + i));
    }
    Capabilities caps =
        Capabilities.none()
            .withDirectories(
                List.of(
                    DirectoryGrant.readWrite(data, "/data"),
                    DirectoryGrant.readWrite(data.resolve("nest/out"), "/data/nest/out")));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var symlinks =
          pool.submit(
              () -> ok("race-symlink", "../../outside\n/data/a/b/nest/out\n20000\n4000", caps));
      var renames =
          pool.submit(
              () ->
                  ok(
                      "race-rename",
                      "/data/nest\n/data/parked\n/data/a/b/nest\n/data/nest\n/data/nest/out\n20000\n4000",
                      caps));
      assertTrue(
          renames
              .get()
              .matches("moved [1-9][0-9]* times, refused [0-9]+ times, no link came along " + SPAN),
          renames.get());
      assertTrue(
          symlinks.get().matches("made the link [1-9][0-9]* times in [0-9]+ tries " + SPAN),
          symlinks.get());
      assertTrue(
          overlapped(renames.get(), symlinks.get()), "the two calls did not run at the same time");
    } finally {
      pool.shutdown();
    }
    assertEquals(List.of(), linksLeadingOut(data));
    // the nested grant is a plain directory again: reading through it finds nothing outside
    Files.createDirectories(data.resolve("nest/out"));
    assertEquals("open: No such file or directory", err("read", "/data/nest/out/secret.txt", caps));
    assertEquals("top secret", Files.readString(outside.resolve("secret.txt")));
    try (var listed = Files.list(outside)) {
      assertEquals(List.of("secret.txt"), listed.map(f -> f.getFileName().toString()).toList());
    }
  }

  /** How the race ops end their report: the wall-clock span of the call, in milliseconds. */
  static final String SPAN = "\\(wall clock [0-9]+-[0-9]+\\)";

  /** Whether the wall-clock spans at the end of two race reports overlap. */
  static boolean overlapped(String a, String b) {
    long[] x = span(a);
    long[] y = span(b);
    return x[0] < y[1] && y[0] < x[1];
  }

  private static long[] span(String report) {
    String[] fromTo =
        report.substring(report.lastIndexOf("wall clock ") + 11, report.length() - 1).split("-");
    return new long[] {Long.parseLong(fromTo[0]), Long.parseLong(fromTo[1])};
  }

  /** Every symbolic link below {@code root} whose target, resolved by the host, lies outside it. */
  static List<String> linksLeadingOut(Path root) throws java.io.IOException {
    Path real = root.toRealPath();
    try (var all = Files.walk(root)) {
      return all.filter(Files::isSymbolicLink)
          .filter(
              link -> {
                try {
                  Path target =
                      link.getParent()
                          .toRealPath()
                          .resolve(Files.readSymbolicLink(link))
                          .normalize();
                  return !(Files.exists(target) ? target.toRealPath() : target).startsWith(real);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .map(link -> root.relativize(link).toString())
          .toList();
    }
  }

  @Test
  void linkPlantedByTheGuestThenRetargetedOutsideIsStillRefused() throws Exception {
    Capabilities caps = readWrite();
    assertEquals("ok", ok("symlink", "sub\n/data/s", caps));
    assertEquals("in sub", ok("read", "/data/s/b.txt", caps));
    // another party swaps the guest's link for one leading out, between two calls
    Files.delete(data.resolve("s"));
    Files.createSymbolicLink(data.resolve("s"), Path.of("../outside"));
    assertEquals("open: Operation not permitted", err("read", "/data/s/secret.txt", caps));
  }

  // ------------------------------------------------------------------ cli, clocks, random

  @Test
  void environmentHoldsOnlyGrantedVariables() throws Exception {
    Capabilities caps = Capabilities.none().withEnvironment(Map.of("GREETING", "hi"));
    assertEquals("hi", ok("env", "GREETING", caps));
    assertEquals("(unset)", ok("env", "HOME", caps));
    assertEquals("(unset)", ok("env", "PATH", caps));
    assertEquals("(unset)", ok("env", "GREETING", Capabilities.none()));
  }

  @Test
  void argumentsAreOnlyTheGrantedOnes() throws Exception {
    assertEquals(
        "tool;--verbose;",
        ok("args", "", Capabilities.none().withArguments(List.of("tool", "--verbose"))));
    assertEquals("", ok("args", "", Capabilities.none()));
  }

  @Test
  void stdoutAndStderrAreCapturedPerCallAndNeverReachTheJvm() throws Exception {
    PrintStream jvmOut = System.out;
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    CallResult first;
    CallResult second;
    System.setOut(new PrintStream(seen, true, StandardCharsets.UTF_8));
    try {
      first = call("print", "one", Capabilities.none());
      second = call("print", "two", Capabilities.none());
    } finally {
      System.setOut(jvmOut);
    }
    assertEquals("one", first.stdoutText());
    assertEquals("err:one", first.stderrText());
    assertEquals("two", second.stdoutText());
    assertEquals("err:two", second.stderrText());
    assertArrayEquals(new byte[0], seen.toByteArray());
  }

  @Test
  void everyCallGetsAFreshInstance() throws Exception {
    assertEquals("1", ok("counter", "", Capabilities.none()));
    assertEquals("1", ok("counter", "", Capabilities.none()));
  }

  @Test
  void concurrentCallsKeepTheirOwnOutputAndCapabilities() throws Exception {
    List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 8; i++) {
        String name = "call" + i;
        results.add(
            pool.submit(
                () -> {
                  CallResult r =
                      call("print", name, Capabilities.none().withEnvironment(Map.of("N", name)));
                  return r.stdoutText()
                      + "|"
                      + r.stderrText()
                      + "|"
                      + ok("env", "N", Capabilities.none().withEnvironment(Map.of("N", name)));
                }));
      }
      for (int i = 0; i < 8; i++) {
        assertEquals("call" + i + "|err:call" + i + "|call" + i, results.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void clocksAndRandomWork() throws Exception {
    assertEquals("plausible", ok("time", "", Capabilities.none()));
    assertEquals("random", ok("random", "", Capabilities.none()));
  }

  @Test
  void exitEndsTheCallWithItsStatus() throws Exception {
    CallFailedException e =
        assertThrows(CallFailedException.class, () -> call("exit", "0", Capabilities.none()));
    assertEquals(CallFailedException.Reason.EXIT, e.reason());
    assertEquals(OptionalInt.of(0), e.exitCode());
    assertEquals("the guest exited with status 0 before returning", e.getMessage());
    // the preview1 adapter reports any non-zero status as 1
    CallFailedException e3 =
        assertThrows(CallFailedException.class, () -> call("exit", "3", Capabilities.none()));
    assertEquals(OptionalInt.of(1), e3.exitCode());
  }

  // ------------------------------------------------------------------ limits and traps

  @Test
  void trapNamesTheCauseAndTheHostStaysHealthy() throws Exception {
    CallFailedException e =
        assertThrows(CallFailedException.class, () -> call("trap", "", Capabilities.none()));
    assertEquals(CallFailedException.Reason.TRAP, e.reason());
    assertEquals(
        "trap: wasm trap in core function 'run': Trapped on unreachable instruction",
        e.getMessage());
    assertEquals("still fine", ok("echo", "still fine", Capabilities.none()));
  }

  @Test
  void infiniteLoopIsStoppedAtTheDeadline() throws Exception {
    Capabilities caps =
        Capabilities.none().withLimits(Limits.defaults().withTimeout(Duration.ofMillis(300)));
    CallFailedException e = assertThrows(CallFailedException.class, () -> call("loop", "", caps));
    assertEquals(CallFailedException.Reason.TIMEOUT, e.reason());
    assertEquals("deadline: the call ran longer than 300 ms and was stopped", e.getMessage());
    assertEquals("next", ok("echo", "next", Capabilities.none()));
  }

  @Test
  void memoryBombHitsTheMemoryCap() throws Exception {
    Capabilities caps =
        Capabilities.none().withLimits(Limits.defaults().withMaxMemoryBytes(8L << 20));
    String message = err("membomb", "", caps);
    // 8 MiB in all, of which the 1 MiB stack, data and the adapter's pages are taken
    assertTrue(message.matches("allocated [0-6] MiB then malloc failed"), message);
    assertEquals("ok after the bomb", ok("echo", "ok after the bomb", Capabilities.none()));
  }

  @Test
  void memoryBombThatAbortsIsReportedAsTheMemoryLimit() throws Exception {
    Capabilities caps =
        Capabilities.none().withLimits(Limits.defaults().withMaxMemoryBytes(8L << 20));
    CallFailedException e =
        assertThrows(CallFailedException.class, () -> call("membomb-abort", "", caps));
    assertEquals(CallFailedException.Reason.LIMIT, e.reason(), e.getMessage());
    assertEquals(
        "memory limit: linear memory could not grow past its cap of 8192 KiB; the guest then trapped: "
            + "wasm trap in core function 'run': Trapped on unreachable instruction",
        e.getMessage());
  }

  @Test
  void blockedGuestIsInterruptedAtTheDeadline() throws Exception {
    Capabilities caps =
        Capabilities.none().withLimits(Limits.defaults().withTimeout(Duration.ofMillis(300)));
    long start = System.nanoTime();
    CallFailedException e =
        assertThrows(CallFailedException.class, () -> call("sleep", "60", caps));
    assertEquals(CallFailedException.Reason.TIMEOUT, e.reason());
    // the sleeping host thread was interrupted too: the call thread is gone well before 60 s
    assertTrue(System.nanoTime() - start < 30_000_000_000L);
    assertEquals("slept", ok("sleep", "0", Capabilities.none()));
  }

  @Test
  void deepRecursionTraps() throws Exception {
    assertEquals("-236", ok("recurse", "1000", Capabilities.none()));
    CallFailedException e =
        assertThrows(
            CallFailedException.class, () -> call("recurse", "10000000", Capabilities.none()));
    assertEquals(CallFailedException.Reason.TRAP, e.reason());
    // the interpreter's call stack runs out (or else the C shadow stack runs off linear memory)
    assertTrue(
        e.getMessage().equals("trap: wasm trap in core function 'run': call stack exhausted")
            || e.getMessage()
                .startsWith("trap: wasm trap in core function 'run': out of bounds memory access"),
        e.getMessage());
    assertEquals("fine", ok("echo", "fine", Capabilities.none()));
  }

  @Test
  void outputFloodHitsTheOutputCap() throws Exception {
    Capabilities caps =
        Capabilities.none().withLimits(Limits.defaults().withOutputCaps(100_000, 1000));
    CallFailedException e = assertThrows(CallFailedException.class, () -> call("flood", "", caps));
    assertEquals(CallFailedException.Reason.LIMIT, e.reason());
    assertEquals("output limit: stdout exceeded 100000 bytes", e.getMessage());
    assertEquals(100_000, e.stdout().length);
  }

  @Test
  void resultLargerThanTheLimitFailsTheCall() throws Exception {
    Capabilities caps =
        Capabilities.none().withLimits(Limits.defaults().withMaxResultBytes(10_000));
    assertEquals(10_000, ok("big", "10000", caps).length());
    CallFailedException e =
        assertThrows(CallFailedException.class, () -> call("big", "10001", caps));
    assertEquals(CallFailedException.Reason.LIMIT, e.reason());
    assertEquals("output limit: the result is larger than 10000 bytes", e.getMessage());
    // the default is 1 MiB
    CallFailedException byDefault =
        assertThrows(
            CallFailedException.class,
            () -> call("big", Integer.toString((1 << 20) + 1), Capabilities.none()));
    assertEquals("output limit: the result is larger than 1048576 bytes", byDefault.getMessage());
    assertEquals("fine", ok("echo", "fine", Capabilities.none()));
  }

  @Test
  void hostResourcesACallMayHoldAreBounded() throws Exception {
    CallFailedException fields =
        assertThrows(CallFailedException.class, () -> call("hoard", "fields", Capabilities.none()));
    assertEquals(CallFailedException.Reason.LIMIT, fields.reason());
    assertEquals(
        "resource limit: the guest holds more than 1024 fields resources at once",
        fields.getMessage());
    CallFailedException requests =
        assertThrows(
            CallFailedException.class, () -> call("hoard", "requests", Capabilities.none()));
    assertEquals(CallFailedException.Reason.LIMIT, requests.reason());
    assertEquals(
        "resource limit: the guest holds more than 16 outgoing-request resources at once",
        requests.getMessage());
    assertEquals("fine", ok("echo", "fine", Capabilities.none()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a handle index never handed out
        "forged-descriptor|trap: unknown resource handle index 100000",
        "forged-stream|trap: unknown resource handle index 100000",
        // the descriptor for a.txt is index 6 (the adapter holds the first ones), its stream 7
        "dropped-descriptor|trap: unknown resource handle index 6",
        "double-drop|trap: unknown resource handle index 6",
        "descriptor-as-stream|trap: handle 6 refers to resource descriptor, but resource input-stream was expected",
        "dropped-stream|trap: unknown resource handle index 7",
        "stream-as-descriptor|trap: handle 7 refers to resource input-stream, but resource descriptor was expected",
      })
  void badHandlesPassedToWasiTrapWithTheCause(String use, String message) throws Exception {
    CallFailedException e =
        assertThrows(CallFailedException.class, () -> call("badhandle", use, readOnly()));
    assertEquals(CallFailedException.Reason.TRAP, e.reason());
    assertEquals(message, e.getMessage());
    assertEquals("hello file", ok("read", "/data/a.txt", readOnly()));
  }

  @Test
  void unknownExportIsAnArgumentError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> probe.call("nope", List.of(), Capabilities.none()));
    assertEquals("the component exports no function 'nope'; it exports [run]", e.getMessage());
  }

  @Test
  void missingGrantedDirectoryFailsTheCallSetup() {
    Capabilities caps =
        Capabilities.none()
            .withDirectories(List.of(DirectoryGrant.readOnly(temp.resolve("missing"), "/m")));
    CallFailedException e = assertThrows(CallFailedException.class, () -> call("echo", "x", caps));
    assertEquals(CallFailedException.Reason.SETUP, e.reason());
    assertTrue(e.getMessage().startsWith("a granted directory cannot be opened: "), e.getMessage());
  }
}
