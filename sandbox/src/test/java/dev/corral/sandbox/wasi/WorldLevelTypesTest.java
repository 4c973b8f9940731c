package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.values.BoolValue;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.F64Value;
import dev.corral.sandbox.values.FlagsValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import dev.corral.sandbox.world.NamedType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Components whose worlds define their types at the world level (src/test/c/world-types, in C, and
 * src/test/js/world-types, in JavaScript, from the same WIT): wit-component imports each such type
 * with an {@code eq} bound, which the component resolves itself, so they load and run under the
 * WASI host with no host type. A world-level resource is an import the host must implement, and is
 * refused with a clear error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorldLevelTypesTest {
  static Stream<String> components() {
    return Stream.of("corral/world-types.component.wasm", "corral/world-types-js.component.wasm");
  }

  /** Each component loaded once per run of this class: the JavaScript one embeds a 12 MB engine. */
  private final Map<String, SandboxedComponent> loaded = new ConcurrentHashMap<>();

  private SandboxedComponent load(String name) throws Exception {
    SandboxedComponent c = loaded.get(name);
    if (c == null) {
      c = SandboxedComponent.load(Components.bytes(name));
      loaded.put(name, c);
    }
    return c;
  }

  private Optional<Value> call(SandboxedComponent c, String function, Value... args)
      throws Exception {
    return c.call(function, Arrays.asList(args), Capabilities.none()).value();
  }

  @ParameterizedTest
  @MethodSource("components")
  void worldLevelTypesAreImportedTypesTheComponentResolves(String name) throws Exception {
    SandboxedComponent c = load(name);
    assertEquals(
        List.of("stats", "shape", "level", "perms"),
        CompiledComponent.compile(Components.bytes(name)).world().imports().stream()
            .filter(i -> i instanceof NamedType)
            .map(i -> i.name())
            .toList());
    assertEquals(
        List.of("summarize", "area", "classify", "set-write", "describe"),
        c.functions().stream().map(ExportedFunction::qualifiedName).toList());
  }

  @ParameterizedTest
  @MethodSource("components")
  void recordInAResult(String name) throws Exception {
    SandboxedComponent c = load(name);
    assertEquals(
        Optional.of(ResultValue.ok(stats(3, 2.5, "positive"))),
        call(c, "summarize", f64s(1.5, 2.5, 3.5)));
    assertEquals(
        Optional.of(ResultValue.ok(stats(2, 0.0, "mixed"))), call(c, "summarize", f64s(-1, 1)));
    assertEquals(
        Optional.of(ResultValue.ok(stats(1, -4.0, "negative"))), call(c, "summarize", f64s(-4)));
    assertEquals(
        Optional.of(ResultValue.ok(stats(2, 0.0, "zero"))), call(c, "summarize", f64s(0, 0)));
    assertEquals(
        Optional.of(ResultValue.err(new StringValue("no values"))), call(c, "summarize", f64s()));
  }

  @ParameterizedTest
  @MethodSource("components")
  void recordAsParameter(String name) throws Exception {
    SandboxedComponent c = load(name);
    assertEquals(
        Optional.of(new StringValue("mixed: 4294967295 values")),
        call(c, "describe", stats(0xFFFF_FFFFL, 1.0, "mixed")));
    assertEquals(
        Optional.of(new StringValue("ünïcødé 🦀: 0 values")),
        call(c, "describe", stats(0, 0, "ünïcødé 🦀")));
  }

  @ParameterizedTest
  @MethodSource("components")
  void variantEveryCase(String name) throws Exception {
    SandboxedComponent c = load(name);
    assertEquals(
        Optional.of(new F64Value(Math.PI * 2 * 2)),
        call(c, "area", new VariantValue(0, Optional.of(new F64Value(2)))));
    assertEquals(
        Optional.of(new F64Value(7.5)),
        call(
            c,
            "area",
            new VariantValue(
                1, Optional.of(new TupleValue(List.of(new F64Value(2.5), new F64Value(3)))))));
    assertEquals(
        Optional.of(new F64Value(0)), call(c, "area", new VariantValue(2, Optional.empty())));
  }

  @ParameterizedTest
  @MethodSource("components")
  void enumEveryCase(String name) throws Exception {
    SandboxedComponent c = load(name);
    assertEquals(Optional.of(new EnumValue(0)), call(c, "classify", u32(9)));
    assertEquals(Optional.of(new EnumValue(1)), call(c, "classify", u32(10)));
    assertEquals(Optional.of(new EnumValue(1)), call(c, "classify", u32(99)));
    assertEquals(Optional.of(new EnumValue(2)), call(c, "classify", u32(0xFFFF_FFFFL)));
  }

  @ParameterizedTest
  @MethodSource("components")
  void flags(String name) throws Exception {
    SandboxedComponent c = load(name);
    assertEquals(
        Optional.of(flags(0, 1, 2)), call(c, "set-write", flags(0, 2), new BoolValue(true)));
    assertEquals(Optional.of(flags(2)), call(c, "set-write", flags(1, 2), new BoolValue(false)));
    assertEquals(Optional.of(flags()), call(c, "set-write", flags(), new BoolValue(false)));
    assertEquals(Optional.of(flags(1)), call(c, "set-write", flags(), new BoolValue(true)));
  }

  @Test
  void worldLevelResourceNeedsTheHost() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () ->
                SandboxedComponent.load(Components.bytes("corral/world-resource.component.wasm")));
    assertEquals(
        "the component imports the resource type 'counter', which is not part of an interface;"
            + " a world-level resource must be implemented by the host, and the host only provides WASI 0.2.12"
            + " interfaces of wasi:io, clocks, random, cli, filesystem, sockets, http, and wasi:config/store at"
            + " 0.2.0-draft and 0.2.0-rc.1",
        e.getMessage());
  }

  static RecordValue stats(long count, double mean, String label) {
    return new RecordValue(List.of(u32(count), new F64Value(mean), new StringValue(label)));
  }

  static IntValue u32(long v) {
    return new IntValue(Primitive.U32, v);
  }

  static ListValue f64s(double... values) {
    return new ListValue(Arrays.stream(values).mapToObj(v -> (Value) new F64Value(v)).toList());
  }

  static FlagsValue flags(int... set) {
    BitSet bits = new BitSet();
    IntStream.of(set).forEach(bits::set);
    return new FlagsValue(bits);
  }
}
