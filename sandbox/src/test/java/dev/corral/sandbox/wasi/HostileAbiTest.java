package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.CallFailedException;
import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.values.BoolValue;
import dev.corral.sandbox.values.FlagsValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.Value;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hostile component {@code src/test/wat/hostile-abi.wat}: each export hands the host a broken
 * value (invalid UTF-8 or UTF-16, out-of-bounds or huge lengths, bad discriminants, an unknown
 * handle) or has an allocator returning bad pointers. Every call must end in a trap naming the
 * cause, and the same component must keep serving well-behaved calls.
 */
class HostileAbiTest {
  private static SandboxedComponent component;

  @BeforeAll
  static void load() throws Exception {
    component = SandboxedComponent.load(Components.bytes("corral/hostile-abi.wasm"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bad-utf8|trap: string at 16 is not valid UTF-8",
        "bad-utf16|trap: string at 32 is not valid UTF-16LE",
        "huge-string|trap: string at 0 of 2147483647 bytes is outside linear memory (65536 bytes)",
        "oob-string|trap: string at 4294967280 of 16 bytes is outside linear memory (65536 bytes)",
        "huge-list|trap: list at 0 of 4294967296 bytes is outside linear memory (65536 bytes)",
        "bad-option|trap: variant discriminant 5 is out of range for 2 cases",
        "bad-char|trap: 0x110000 is not a valid char (Unicode scalar value)",
        "surrogate-char|trap: 0xD800 is not a valid char (Unicode scalar value)",
        "bad-enum|trap: variant discriminant 9 is out of range for 3 cases",
        "bad-handle|trap: unknown resource handle index 7",
      })
  void brokenResultsTrapWithTheCauseAndTheHostKeepsServing(String export, String message)
      throws Exception {
    CallFailedException e =
        assertThrows(
            CallFailedException.class,
            () -> component.call(export, List.of(), Capabilities.none()));
    assertEquals(message, e.getMessage());
    assertEquals(CallFailedException.Reason.TRAP, e.reason());
    assertStillServing();
  }

  @Test
  void allocatorReturningAPointerOutsideMemoryTraps() throws Exception {
    CallFailedException e =
        assertThrows(
            CallFailedException.class,
            () ->
                component.call(
                    "oob-realloc", List.of(new StringValue("hello")), Capabilities.none()));
    assertEquals(
        "trap: realloc result at 4294967280 of 5 bytes is outside linear memory (65536 bytes)",
        e.getMessage());
    assertEquals(CallFailedException.Reason.TRAP, e.reason());
    assertStillServing();
  }

  @Test
  void allocatorReturningAMisalignedPointerTraps() throws Exception {
    List<Value> longs = Collections.nCopies(3, new IntValue(Primitive.U64, 7));
    CallFailedException e =
        assertThrows(
            CallFailedException.class,
            () ->
                component.call(
                    "misaligned-realloc", List.of(new ListValue(longs)), Capabilities.none()));
    assertEquals("trap: realloc result pointer 1025 is not 8-byte aligned", e.getMessage());
    assertEquals(CallFailedException.Reason.TRAP, e.reason());
    assertStillServing();
  }

  @Test
  void boolAndFlagsBitsBeyondTheDefinedOnesAreIgnoredAsTheSpecSays() throws Exception {
    // CanonicalABI.md: any non-zero i32 lifts to true; flag bits past the last label are ignored
    assertEquals(
        Optional.of(new BoolValue(true)),
        component.call("bad-bool", List.of(), Capabilities.none()).value());
    assertEquals(
        Optional.of(new FlagsValue(new BitSet())),
        component.call("bad-flags", List.of(), Capabilities.none()).value());
  }

  @Test
  void aResultNearTheMemoryCapIsRefusedBeforeTheHostBuildsIt() throws Exception {
    // 255 MiB of a 256 MiB memory: lifted, a list<u8> of it would take the host gigabytes
    CallFailedException e =
        assertThrows(
            CallFailedException.class,
            () ->
                component.call(
                    "big-bytes",
                    List.of(new IntValue(Primitive.U32, 255L << 20)),
                    Capabilities.none()));
    assertEquals(CallFailedException.Reason.LIMIT, e.reason());
    assertEquals("output limit: the result is larger than 1048576 bytes", e.getMessage());
    assertStillServing();
  }

  @Test
  void aResultUpToTheLimitIsLiftedWhole() throws Exception {
    Capabilities caps =
        Capabilities.none().withLimits(Limits.defaults().withMaxResultBytes(70_000));
    Optional<Value> r =
        component.call("big-bytes", List.of(new IntValue(Primitive.U32, 70_000)), caps).value();
    assertEquals(
        Optional.of(new ListValue(Collections.nCopies(70_000, new IntValue(Primitive.U8, 0)))), r);
    CallFailedException e =
        assertThrows(
            CallFailedException.class,
            () -> component.call("big-bytes", List.of(new IntValue(Primitive.U32, 70_001)), caps));
    assertEquals(CallFailedException.Reason.LIMIT, e.reason());
    assertEquals("output limit: the result is larger than 70000 bytes", e.getMessage());
  }

  private static void assertStillServing() throws Exception {
    CallResult r =
        component.call("ok", List.of(new IntValue(Primitive.U32, 41)), Capabilities.none());
    assertEquals(Optional.of(new IntValue(Primitive.U32, 42)), r.value());
  }
}
