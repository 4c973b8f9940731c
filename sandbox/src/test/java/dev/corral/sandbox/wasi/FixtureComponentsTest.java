package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.runtime.LinkException;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components built by others that import WASI 0.2.x: jco's fixtures (Rust, through the preview1
 * adapter, and wasi-virt compositions) and Wassette's filesystem tool, a real MCP tool.
 */
class FixtureComponentsTest {
  @TempDir Path temp;

  @Test
  void helloStdoutCommandWritesToCapturedStreams() throws Exception {
    SandboxedComponent hello = SandboxedComponent.load(Components.bytes("hello_stdout.component.wasm"));
    assertEquals(List.of("wasi:cli/run@0.2.3#run"), hello.functions().stream().map(ExportedFunction::qualifiedName).toList());
    CallResult r = hello.call("wasi:cli/run@0.2.3#run", List.of(), Capabilities.none());
    assertEquals(Optional.of(ResultValue.ok(null)), r.value());
    assertEquals("writing to stdout: hello, world\n", r.stdoutText());
    assertEquals("writing to stderr: hello, world\n", r.stderrText());
  }

  @Test
  void stdoutPollableDoesNotHang() throws Exception {
    SandboxedComponent c = SandboxedComponent.load(Components.bytes("stdout-pollable-hang.component.wasm"));
    CallResult r = c.call("wasi:cli/run@0.2.0#run", List.of(),
        Capabilities.none().withLimits(Limits.defaults().withTimeout(java.time.Duration.ofSeconds(20))));
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
    CallResult r = env.call("test-get-env", List.of(),
        Capabilities.none().withEnvironment(Map.of("HOST_ONLY", "x")));
    assertEquals(Optional.of(new ListValue(List.of(
        new TupleValue(List.of(new StringValue("CUSTOM"), new StringValue("VAL")))))), r.value());
  }

  private static SandboxedComponent filesystemTool() throws Exception {
    return SandboxedComponent.load(Components.bytes("wassette/filesystem.wasm"));
  }

  private static ResultValue call(SandboxedComponent tool, String fn, Capabilities caps, String... args) throws Exception {
    List<Value> values = java.util.Arrays.stream(args).map(a -> (Value) new StringValue(a)).toList();
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
    Capabilities caps = Capabilities.none().withDirectories(List.of(DirectoryGrant.readOnly(data, "/data")));
    SandboxedComponent tool = filesystemTool();
    assertEquals(List.of("list-directory", "read-file", "search-file", "get-file-info"),
        tool.functions().stream().map(ExportedFunction::qualifiedName).toList());

    ResultValue listing = call(tool, "list-directory", caps, "/data");
    assertTrue(listing.isOk());
    List<String> entries = ((ListValue) listing.payload().orElseThrow()).elements().stream()
        .map(v -> ((StringValue) v).value().strip()).sorted().toList();
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

    Capabilities caps = Capabilities.none().withDirectories(List.of(DirectoryGrant.readOnly(data, "/data")));
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
    LinkException e = assertThrows(LinkException.class,
        () -> SandboxedComponent.load(Components.bytes("corral/missing-interface.wasm")));
    assertTrue(e.getMessage().startsWith("the component imports wasi:keyvalue/store@0.2.0-draft, "
        + "which the host does not implement"), e.getMessage());
  }

  @Test
  void incompatibleVersionFailsTheLoadNamingIt() {
    LinkException e = assertThrows(LinkException.class,
        () -> SandboxedComponent.load(Components.bytes("corral/newer-major.wasm")));
    assertTrue(e.getMessage().startsWith("the component imports wasi:cli/environment@0.3.0, "
        + "which the host does not implement"), e.getMessage());
  }

  @Test
  void unknownFunctionFailsTheLoadNamingIt() {
    LinkException e = assertThrows(LinkException.class,
        () -> SandboxedComponent.load(Components.bytes("corral/unknown-function.wasm")));
    assertEquals("the component imports function 'get-hostname' of wasi:cli/environment@0.2.0, which the host's "
        + "wasi:cli/environment@0.2.12 does not provide", e.getMessage());
  }

  @Test
  void mismatchedFunctionTypeFailsTheLoad() {
    LinkException e = assertThrows(LinkException.class,
        () -> SandboxedComponent.load(Components.bytes("corral/wrong-type.wasm")));
    assertTrue(e.getMessage().startsWith("the component imports function 'get-environment' of "
        + "wasi:cli/environment@0.2.0 with type "), e.getMessage());
    assertTrue(e.getMessage().contains(", but the host's wasi:cli/environment@0.2.12 implements "), e.getMessage());
  }
}
