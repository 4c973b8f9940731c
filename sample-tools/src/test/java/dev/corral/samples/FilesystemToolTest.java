package dev.corral.samples;

import static dev.corral.samples.Values.bool;
import static dev.corral.samples.Values.enumCase;
import static dev.corral.samples.Values.err;
import static dev.corral.samples.Values.list;
import static dev.corral.samples.Values.ok;
import static dev.corral.samples.Values.record;
import static dev.corral.samples.Values.some;
import static dev.corral.samples.Values.str;
import static dev.corral.samples.Values.u32;
import static dev.corral.samples.Values.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.DirectoryGrant;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Rust filesystem tool on the WASI host, with a temporary directory granted read-only at the
 * same path inside the guest (as a policy's {@code fs://} URI grants it).
 */
class FilesystemToolTest {
  private static final String IFACE = "corral:filesystem/fs@0.1.0";
  private static final String OUTSIDE =
      "access denied: the path is outside the directories the tool's policy"
          + " grants (permissions.storage.allow), or the policy does not grant this access";
  private static SandboxedComponent tool;

  @TempDir Path root;
  private String dir;
  private Capabilities capabilities;

  private FilesystemToolTest() {}

  @BeforeAll
  static void load() throws Exception {
    tool = SandboxedComponent.load(Samples.wasm("filesystem"));
  }

  @BeforeEach
  void fillDirectory() throws Exception {
    dir = root.toString();
    Files.writeString(root.resolve("notes.txt"), "first line\nsecond: needle here\nthird\n");
    Files.createDirectories(root.resolve("src/deep"));
    Files.writeString(root.resolve("src/a.txt"), "needle at the start\n");
    Files.writeString(root.resolve("src/deep/b.txt"), "no match\nalso a needle\n");
    Files.write(
        root.resolve("src/blob.bin"),
        new byte[] {(byte) 0xff, (byte) 0xfe, 'n', 'e', 'e', 'd', 'l', 'e'});
    Files.setLastModifiedTime(
        root.resolve("notes.txt"), FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));
    // the result limit of the sample's own policy (limits.output: 5Mi), so a 4 MiB file fits
    capabilities =
        Capabilities.none()
            .withDirectories(List.of(DirectoryGrant.readOnly(root, dir)))
            .withLimits(Limits.defaults().withMaxResultBytes(5L << 20));
  }

  @Test
  void exportsExactlyTheFsInterface() {
    EnumType kind = new EnumType(List.of("file", "directory", "symlink", "other"));
    RecordType entry =
        new RecordType(
            List.of(
                new Field("name", Primitive.STRING),
                new Field("kind", kind),
                new Field("size", Primitive.U64)));
    RecordType info =
        new RecordType(
            List.of(
                new Field("kind", kind),
                new Field("size", Primitive.U64),
                new Field("modified-seconds", new OptionType(Primitive.U64))));
    RecordType match =
        new RecordType(
            List.of(
                new Field("path", Primitive.STRING),
                new Field("line", Primitive.U32),
                new Field("text", Primitive.STRING)));
    RecordType found =
        new RecordType(
            List.of(
                new Field("matches", new ListType(match)), new Field("truncated", Primitive.BOOL)));
    Field path = new Field("path", Primitive.STRING);
    assertEquals(
        List.of(
            function("list-directory", List.of(path), new ListType(entry)),
            function("read-file", List.of(path), Primitive.STRING),
            function("search", List.of(path, new Field("pattern", Primitive.STRING)), found),
            function("stat", List.of(path), info)),
        tool.functions());
  }

  @Test
  void listDirectorySortsEntriesAndReportsKindsAndSizes() throws Exception {
    assertEquals(
        ok(
            list(
                record(str("notes.txt"), enumCase(0), u64(37)),
                record(str("src"), enumCase(1), u64(0)))),
        call("list-directory", str(dir)));
    assertEquals(
        ok(
            list(
                record(str("a.txt"), enumCase(0), u64(20)),
                record(str("blob.bin"), enumCase(0), u64(8)),
                record(str("deep"), enumCase(1), u64(0)))),
        call("list-directory", str(dir + "/src")));
  }

  @Test
  void readFileReturnsText() throws Exception {
    assertEquals(
        ok(str("first line\nsecond: needle here\nthird\n")),
        call("read-file", str(dir + "/notes.txt")));
    Files.writeString(root.resolve("empty.txt"), "");
    assertEquals(ok(str("")), call("read-file", str(dir + "/empty.txt")));
  }

  @Test
  void readFileErrorsSayWhatWentWrong() throws Exception {
    assertEquals(
        err("cannot read " + dir + "/missing.txt: no such file or directory"),
        call("read-file", str(dir + "/missing.txt")));
    assertEquals(
        err("cannot read " + dir + "/src: it is a directory (use list-directory)"),
        call("read-file", str(dir + "/src")));
    assertEquals(
        err("cannot read " + dir + "/src/blob.bin: it is not UTF-8 text"),
        call("read-file", str(dir + "/src/blob.bin")));
    assertEquals(err("cannot read /etc/passwd: " + OUTSIDE), call("read-file", str("/etc/passwd")));
    assertEquals(
        err("cannot read " + dir + "/../outside.txt: " + OUTSIDE),
        call("read-file", str(dir + "/../outside.txt")));
  }

  @Test
  void searchFindsLinesInPathOrderAndSkipsBinaryFiles() throws Exception {
    assertEquals(
        ok(
            found(
                false,
                record(str(dir + "/notes.txt"), u32(2), str("second: needle here")),
                record(str(dir + "/src/a.txt"), u32(1), str("needle at the start")),
                record(str(dir + "/src/deep/b.txt"), u32(2), str("also a needle")))),
        call("search", str(dir), str("needle")));
    assertEquals(
        ok(found(false, record(str(dir + "/notes.txt"), u32(3), str("third")))),
        call("search", str(dir + "/notes.txt"), str("thi")));
    assertEquals(ok(found(false)), call("search", str(dir), str("NEEDLE")));
    assertEquals(err("cannot search: the pattern is empty"), call("search", str(dir), str("")));
    assertEquals(err("cannot search /: " + OUTSIDE), call("search", str("/"), str("root")));
  }

  @Test
  void searchReturnsAtMost1000MatchesAndSaysWhenThereWereMore() throws Exception {
    Path many = Files.createDirectory(root.resolve("many"));
    Files.writeString(many.resolve("a.txt"), "hit\n".repeat(600));
    Files.writeString(many.resolve("b.txt"), "hit\n".repeat(400));
    List<Value> thousand = new ArrayList<>();
    for (int line = 1; line <= 600; line++) {
      thousand.add(record(str(many + "/a.txt"), u32(line), str("hit")));
    }
    for (int line = 1; line <= 400; line++) {
      thousand.add(record(str(many + "/b.txt"), u32(line), str("hit")));
    }
    // exactly 1000: all of them, not truncated
    assertEquals(
        ok(record(list(thousand), bool(false))), call("search", str(many.toString()), str("hit")));

    // one more, in a later file: the same 1000, truncated
    Files.writeString(many.resolve("c.txt"), "no\nhit\n");
    assertEquals(
        ok(record(list(thousand), bool(true))), call("search", str(many.toString()), str("hit")));

    // in one file: its first 1000 matching lines
    Files.writeString(many.resolve("a.txt"), "hit\n".repeat(1001));
    ResultValue inOneFile = (ResultValue) call("search", str(many + "/a.txt"), str("hit"));
    RecordValue result = (RecordValue) inOneFile.payload().orElseThrow();
    List<Value> matches = ((ListValue) result.fields().get(0)).elements();
    assertEquals(1000, matches.size());
    assertEquals(record(str(many + "/a.txt"), u32(1000), str("hit")), matches.get(999));
    assertEquals(bool(true), result.fields().get(1));
  }

  @Test
  void readFileReturnsAtMost4MiBAndSearchSkipsLargerFiles() throws Exception {
    int cap = 4 * 1024 * 1024;
    String exactly = "needle\n" + "x".repeat(cap - 8) + "\n";
    Files.writeString(root.resolve("cap.txt"), exactly);
    assertEquals(ok(str(exactly)), call("read-file", str(dir + "/cap.txt")));

    Files.writeString(root.resolve("cap.txt"), exactly + "y");
    assertEquals(
        err(
            "cannot read "
                + dir
                + "/cap.txt: it has 4194305 bytes, more than the 4194304 this tool returns"),
        call("read-file", str(dir + "/cap.txt")));
    assertEquals(
        err(
            "cannot read "
                + dir
                + "/cap.txt: it has 4194305 bytes, more than the 4194304 this tool returns"),
        call("search", str(dir + "/cap.txt"), str("needle")));
    assertEquals(
        ok(
            found(
                false,
                record(str(dir + "/notes.txt"), u32(2), str("second: needle here")),
                record(str(dir + "/src/a.txt"), u32(1), str("needle at the start")),
                record(str(dir + "/src/deep/b.txt"), u32(2), str("also a needle")))),
        call("search", str(dir), str("needle")));
  }

  @Test
  void statReportsKindSizeAndModificationTime() throws Exception {
    assertEquals(
        ok(
            record(
                enumCase(0),
                u64(37),
                some(u64(Instant.parse("2024-05-06T07:08:09Z").getEpochSecond())))),
        call("stat", str(dir + "/notes.txt")));
    Value directory =
        ((dev.corral.sandbox.values.ResultValue) call("stat", str(dir + "/src")))
            .payload()
            .orElseThrow();
    assertEquals(enumCase(1), ((dev.corral.sandbox.values.RecordValue) directory).fields().get(0));
    assertEquals(
        err("cannot stat " + dir + "/nothing: no such file or directory"),
        call("stat", str(dir + "/nothing")));
  }

  @Test
  void withoutAGrantEverythingIsDenied() throws Exception {
    assertEquals(
        err("cannot list " + dir + ": " + OUTSIDE),
        tool.call(IFACE + "#list-directory", List.of(str(dir)), Capabilities.none())
            .value()
            .orElseThrow());
  }

  @Test
  void symbolicLinksAreDescribedButNeverFollowedOutOfTheGrant() throws Exception {
    Path outside = Files.createTempFile("corral-outside", ".txt");
    try {
      Files.writeString(outside, "needle outside\n");
      Files.createSymbolicLink(root.resolve("src/link.txt"), outside);
      assertEquals(
          ok(
              list(
                  record(str("a.txt"), enumCase(0), u64(20)),
                  record(str("blob.bin"), enumCase(0), u64(8)),
                  record(str("deep"), enumCase(1), u64(0)),
                  record(str("link.txt"), enumCase(2), u64(outside.toString().length())))),
          call("list-directory", str(dir + "/src")));
      assertEquals(
          ok(
              record(
                  enumCase(2),
                  u64(outside.toString().length()),
                  some(
                      u64(
                          Files.getLastModifiedTime(
                                  root.resolve("src/link.txt"),
                                  java.nio.file.LinkOption.NOFOLLOW_LINKS)
                              .toInstant()
                              .getEpochSecond())))),
          call("stat", str(dir + "/src/link.txt")));
      assertEquals(
          err("cannot read " + dir + "/src/link.txt: " + OUTSIDE),
          call("read-file", str(dir + "/src/link.txt")));
      assertEquals(
          ok(
              found(
                  false,
                  record(str(dir + "/src/a.txt"), u32(1), str("needle at the start")),
                  record(str(dir + "/src/deep/b.txt"), u32(2), str("also a needle")))),
          call("search", str(dir + "/src"), str("needle")));
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void nonAsciiNamesAndContentRoundTrip() throws Exception {
    Files.writeString(root.resolve("grüße.txt"), "héllo wörld 🌍\n", StandardCharsets.UTF_8);
    assertEquals(ok(str("héllo wörld 🌍\n")), call("read-file", str(dir + "/grüße.txt")));
    assertEquals(
        ok(found(false, record(str(dir + "/grüße.txt"), u32(1), str("héllo wörld 🌍")))),
        call("search", str(dir + "/grüße.txt"), str("wörld")));
  }

  /** A search-result: {@code matches} and whether the search stopped at its cap. */
  private static Value found(boolean truncated, Value... matches) {
    return record(list(matches), bool(truncated));
  }

  private static ExportedFunction function(String name, List<Field> params, ValType ok) {
    return new ExportedFunction(
        Optional.of(IFACE),
        name,
        new FuncType(
            params, Optional.of(new ResultType(Optional.of(ok), Optional.of(Primitive.STRING)))));
  }

  private Value call(String function, Value... args) throws Exception {
    return tool.call(IFACE + "#" + function, List.of(args), capabilities).value().orElseThrow();
  }
}
