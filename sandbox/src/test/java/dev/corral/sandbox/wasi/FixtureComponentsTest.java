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
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.world.Interface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Components built by others that import WASI 0.2.x: jco's fixtures (Rust and C, through the
 * preview1 adapter, and wasi-virt compositions) and Wassette's filesystem tool, a real MCP tool.
 */
class FixtureComponentsTest {
  @TempDir Path temp;

  @Test
  void helloStdoutCommandWritesToCapturedStreams() throws Exception {
    SandboxedComponent hello =
        SandboxedComponent.load(Components.bytes("hello_stdout.component.wasm"));
    assertEquals(
        List.of("wasi:cli/run@0.2.3#run"),
        hello.functions().stream().map(ExportedFunction::qualifiedName).toList());
    CallResult r = hello.call("wasi:cli/run@0.2.3#run", List.of(), Capabilities.none());
    assertEquals(Optional.of(ResultValue.ok(null)), r.value());
    assertEquals("writing to stdout: hello, world\n", r.stdoutText());
    assertEquals("writing to stderr: hello, world\n", r.stderrText());
  }

  @Test
  void stdoutPollableDoesNotHang() throws Exception {
    SandboxedComponent c =
        SandboxedComponent.load(Components.bytes("stdout-pollable-hang.component.wasm"));
    CallResult r =
        c.call(
            "wasi:cli/run@0.2.0#run",
            List.of(),
            Capabilities.none()
                .withLimits(Limits.defaults().withTimeout(java.time.Duration.ofSeconds(20))));
    assertEquals(Optional.of(ResultValue.ok(null)), r.value());
    // jco issue 550: the guest blocks on stdout's pollable; it must be ready, not hang
  }

  @Test
  void stdioFixturePrints() throws Exception {
    SandboxedComponent stdio = SandboxedComponent.load(Components.bytes("stdio.composed.wasm"));
    CallResult r = stdio.call("test-stdio", List.of(), Capabilities.none());
    assertEquals(Optional.empty(), r.value());
    assertEquals("Hello world\n", r.stdoutText());
  }

  @Test
  void envAllowFixtureSeesOnlyItsVirtualisedVariable() throws Exception {
    SandboxedComponent env = SandboxedComponent.load(Components.bytes("env-allow.composed.wasm"));
    CallResult r =
        env.call(
            "test-get-env",
            List.of(),
            Capabilities.none().withEnvironment(Map.of("HOST_ONLY", "x")));
    assertEquals(
        Optional.of(
            new ListValue(
                List.of(
                    new TupleValue(List.of(new StringValue("CUSTOM"), new StringValue("VAL")))))),
        r.value());
  }

  /**
   * jco's {@code test/fixtures/commands/dir.virt.wasm}: a C command, composed by wasi-virt with a
   * filesystem of its own ({@code /foo/foo/test.txt}), that lists the directory named by its first
   * argument. jco's {@code tests.json} runs it with {@code /foo} and expects this exact output.
   */
  @Test
  void commandsDirListsItsVirtualisedDirectory() throws Exception {
    SandboxedComponent dir = SandboxedComponent.load(Components.bytes("commands_dir.virt.wasm"));
    assertEquals(
        List.of("wasi:cli/run@0.2.0#run"),
        dir.functions().stream().map(ExportedFunction::qualifiedName).toList());
    CallResult foo = runCommand(dir, Capabilities.none(), "dir", "/foo");
    assertEquals(Optional.of(ResultValue.ok(null)), foo.value());
    assertEquals("Listing directory: /foo\n - .\n - ..\n - foo\n", foo.stdoutText());
    assertEquals("", foo.stderrText());
    assertEquals(
        "Listing directory: /foo/foo\n - .\n - ..\n - test.txt\n",
        runCommand(dir, Capabilities.none(), "dir", "/foo/foo").stdoutText());
  }

  @Test
  void commandsDirNeverSeesTheHostFilesystem() throws Exception {
    SandboxedComponent dir = SandboxedComponent.load(Components.bytes("commands_dir.virt.wasm"));
    // wasi-virt answers every filesystem call inside the component: nothing to grant, nothing leaks
    assertEquals(
        List.of(),
        dir.compiled().world().imports().stream()
            .filter(i -> i instanceof Interface f && f.name().startsWith("wasi:filesystem/"))
            .toList());
    Path host = Files.createDirectory(temp.resolve("foo"));
    Files.writeString(host.resolve("host.txt"), "from the host");
    Capabilities granted =
        Capabilities.none().withDirectories(List.of(DirectoryGrant.readOnly(host, "/foo")));
    assertEquals(
        "Listing directory: /foo\n - .\n - ..\n - foo\n",
        runCommand(dir, granted, "dir", "/foo").stdoutText());

    CallFailedException outside =
        assertThrows(CallFailedException.class, () -> runCommand(dir, granted, "dir", "/"));
    assertEquals(CallFailedException.Reason.EXIT, outside.reason());
    assertEquals(OptionalInt.of(1), outside.exitCode());
    assertEquals("Listing directory: /\n", outside.stdoutText());
    assertEquals("Could not open directory: No such file or directory\n", outside.stderrText());

    CallFailedException usage =
        assertThrows(CallFailedException.class, () -> runCommand(dir, Capabilities.none(), "dir"));
    assertEquals(OptionalInt.of(1), usage.exitCode());
    assertEquals("Usage: dir <directory>\n", usage.stdoutText());
  }

  /**
   * jco's {@code test/fixtures/components/utf8-utf16.composed.wasm} ({@code test/transcoding.js}):
   * a C command (strings in UTF-8) passes its first argument to {@code double} of {@code
   * peter-jerry-ye:experiment/foo@0.1.0}, which the other component lifts with {@code
   * string-encoding=utf16}, and prints {@code ret: } and the result. Each call transcodes twice:
   * the argument from UTF-8 to UTF-16 code units and the doubled string back. A wrong length (bytes
   * for code units, UTF-16 units for UTF-8 bytes) or encoding in lifting or lowering changes or
   * traps the output. (The byte order of UTF-16 is invisible here, the callee only concatenates
   * code units: {@code transcode.wast} checks it against bytes written out.)
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "asdf\u4e2d\u6587\ud83c\udc04\ufe0f\u23f0", // jco's argument: "asdf中文🀄️⏰"
        "",
        "a",
        "\u00e9\u00df\u00ff \u0100\u07ff \u0800\ud7ff\ue000\uffff \ud800\udc00\udbff\udfff", // each
        // UTF-8 length, both ends
        "\ud83c\udc04"
      })
  void utf8Utf16CompositionDoublesItsArgumentExactly(String argument) throws Exception {
    SandboxedComponent composed =
        SandboxedComponent.load(Components.bytes("utf8-utf16.composed.wasm"));
    CallResult r = runCommand(composed, Capabilities.none(), "utf8-utf16", argument);
    assertEquals(Optional.of(ResultValue.ok(null)), r.value());
    assertArrayEquals(
        ("ret: " + argument + argument + "\n").getBytes(StandardCharsets.UTF_8),
        r.stdout(),
        r.stdoutText());
    assertEquals("", r.stderrText());
  }

  @Test
  void utf8Utf16CompositionTranscodesALongString() throws Exception {
    // 20,000 code points: 50,000 UTF-8 bytes and 25,000 UTF-16 code units, doubled on the way back
    String argument = "z\u00e9\u4e2d\ud83c\udc04".repeat(5_000);
    SandboxedComponent composed =
        SandboxedComponent.load(Components.bytes("utf8-utf16.composed.wasm"));
    CallResult r = runCommand(composed, Capabilities.none(), "utf8-utf16", argument);
    assertEquals("ret: " + argument + argument + "\n", r.stdoutText());
  }

  /** Runs a WASI command's {@code wasi:cli/run} with these arguments (the first is its name). */
  private static CallResult runCommand(
      SandboxedComponent command, Capabilities caps, String... arguments) throws Exception {
    return command.call(
        command.functions().get(0).qualifiedName(),
        List.of(),
        caps.withArguments(List.of(arguments)));
  }

  private static SandboxedComponent filesystemTool() throws Exception {
    return SandboxedComponent.load(Components.bytes("wassette/filesystem.wasm"));
  }

  private static ResultValue call(
      SandboxedComponent tool, String fn, Capabilities caps, String... args) throws Exception {
    List<Value> values =
        java.util.Arrays.stream(args).map(a -> (Value) new StringValue(a)).toList();
    return (ResultValue) tool.call(fn, values, caps).value().orElseThrow();
  }

  private static String text(ResultValue r) {
    return ((StringValue) r.payload().orElseThrow()).value();
  }

  @Test
  void wassetteFilesystemToolReadsAGrantedDirectory() throws Exception {
    Path data = Files.createDirectory(temp.resolve("data"));
    Files.writeString(data.resolve("notes.txt"), "line one\nneedle here\nline three\n");
    Files.createDirectory(data.resolve("docs"));
    Capabilities caps =
        Capabilities.none().withDirectories(List.of(DirectoryGrant.readOnly(data, "/data")));
    SandboxedComponent tool = filesystemTool();
    assertEquals(
        List.of("list-directory", "read-file", "search-file", "get-file-info"),
        tool.functions().stream().map(ExportedFunction::qualifiedName).toList());

    ResultValue listing = call(tool, "list-directory", caps, "/data");
    assertTrue(listing.isOk());
    List<String> entries =
        ((ListValue) listing.payload().orElseThrow())
            .elements().stream().map(v -> ((StringValue) v).value().strip()).sorted().toList();
    assertEquals(List.of("[DIR] docs", "[FILE] notes.txt"), entries);

    ResultValue read = call(tool, "read-file", caps, "/data/notes.txt");
    assertEquals("line one\nneedle here\nline three\n", text(read));

    ResultValue search = call(tool, "search-file", caps, "/data", "notes");
    assertTrue(search.isOk(), () -> text(search));
    assertTrue(text(search).contains("notes.txt"), text(search));

    ResultValue info = call(tool, "get-file-info", caps, "/data/notes.txt");
    assertTrue(info.isOk());
    assertTrue(text(info).contains("len: 32,"), text(info));
  }

  @Test
  void wassetteFilesystemToolIsDeniedWithoutAGrantAndOutsideIt() throws Exception {
    Path data = Files.createDirectory(temp.resolve("data"));
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(data.resolve("link"), Path.of("../outside/secret.txt"));
    SandboxedComponent tool = filesystemTool();

    ResultValue none = call(tool, "read-file", Capabilities.none(), "/data/link");
    assertFalse(none.isOk());

    Capabilities caps =
        Capabilities.none().withDirectories(List.of(DirectoryGrant.readOnly(data, "/data")));
    ResultValue viaLink = call(tool, "read-file", caps, "/data/link");
    assertFalse(viaLink.isOk());
    assertTrue(text(viaLink).contains("Operation not permitted"), text(viaLink));
    ResultValue viaDots = call(tool, "read-file", caps, "/data/../outside/secret.txt");
    assertFalse(viaDots.isOk());
    assertTrue(text(viaDots).contains("Operation not permitted"), text(viaDots));
    ResultValue absolute = call(tool, "list-directory", caps, "/");
    assertFalse(absolute.isOk(), () -> String.valueOf(absolute));
  }

  @Test
  void missingInterfaceFailsTheLoadNamingIt() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> SandboxedComponent.load(Components.bytes("corral/missing-interface.wasm")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the component imports wasi:keyvalue/store@0.2.0-draft, "
                    + "which the host does not implement"),
        e.getMessage());
  }

  @Test
  void incompatibleVersionFailsTheLoadNamingIt() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> SandboxedComponent.load(Components.bytes("corral/newer-major.wasm")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the component imports wasi:cli/environment@0.3.0, "
                    + "which the host does not implement"),
        e.getMessage());
  }

  @Test
  void unknownFunctionFailsTheLoadNamingIt() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> SandboxedComponent.load(Components.bytes("corral/unknown-function.wasm")));
    assertEquals(
        "the component imports function 'get-hostname' of wasi:cli/environment@0.2.0, which the host's "
            + "wasi:cli/environment@0.2.12 does not provide",
        e.getMessage());
  }

  @Test
  void mismatchedFunctionTypeFailsTheLoad() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> SandboxedComponent.load(Components.bytes("corral/wrong-type.wasm")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the component imports function 'get-environment' of "
                    + "wasi:cli/environment@0.2.0 with type "),
        e.getMessage());
    assertTrue(
        e.getMessage().contains(", but the host's wasi:cli/environment@0.2.12 implements "),
        e.getMessage());
  }
}
