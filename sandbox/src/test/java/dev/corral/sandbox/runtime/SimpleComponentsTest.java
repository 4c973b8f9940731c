package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimpleComponentsTest {

  @Test
  void worldLevelS64AddIsExactBeyondDoublePrecision() throws Exception {
    ComponentInstance instance =
        TestComponents.compile("asmjs_bigint.component.wasm").instantiate(Linker.empty());
    ExportedFunction add = instance.function("add").orElseThrow();
    assertEquals(
        new FuncType(
            List.of(new Field("x", Primitive.S64), new Field("y", Primitive.S64)),
            Optional.of(Primitive.S64)),
        add.type());
    // jco's test/fixtures/runtime/asmjs_bigint.ts
    assertEquals(Optional.of(s64(3)), instance.call(add, List.of(s64(1), s64(2))));
    assertEquals(
        Optional.of(s64(-4389456576512L)),
        instance.call(add, List.of(s64(1L << 33), s64(-(1L << 42)))));
    assertEquals(Optional.of(s64(42)), instance.call(add, List.of(s64(2), s64(40))));
    assertEquals(
        Optional.of(s64(9007199254740994L)),
        instance.call(add, List.of(s64(9007199254740993L), s64(1))));
    assertEquals(
        Optional.of(s64(Long.MIN_VALUE)), instance.call(add, List.of(s64(Long.MAX_VALUE), s64(1))));
  }

  @Test
  void interfaceExportIsListedWithItsInterfaceName() throws Exception {
    ComponentInstance instance =
        TestComponents.compile("adder.component.wasm").instantiate(Linker.empty());
    assertEquals(1, instance.functions().size());
    ExportedFunction add = instance.functions().get(0);
    assertEquals(Optional.of("docs:adder/add@0.1.0"), add.interfaceName());
    assertEquals("add", add.name());
    assertEquals(
        new FuncType(
            List.of(new Field("x", Primitive.U32), new Field("y", Primitive.U32)),
            Optional.of(Primitive.U32)),
        add.type());
    assertEquals(Optional.of(u32(42)), instance.call(add, List.of(u32(2), u32(40))));
    assertEquals(Optional.of(u32(0)), instance.call(add, List.of(u32(0xFFFF_FFFFL), u32(1))));
  }

  @Test
  void coreModuleIsRejectedWithClearMessage() {
    ComponentDecodeException e =
        assertThrows(
            ComponentDecodeException.class, () -> TestComponents.compile("modules_exitcode.wasm"));
    assertEquals(
        "at byte offset 6: this is a core WebAssembly module, not a component (layer 0)",
        e.getMessage());
  }

  private static Value s64(long v) {
    return new IntValue(Primitive.S64, v);
  }

  private static Value u32(long v) {
    return new IntValue(Primitive.U32, v);
  }
}
