package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.values.IntValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComponentCacheTest {
  private final byte[] adder = TestComponents.bytes("adder.component.wasm");

  @Test
  void sameBytesCompileOnce() throws Exception {
    ComponentCache cache = new ComponentCache(Execution.TIERED);
    CompiledComponent first = cache.compile(adder);
    assertSame(first, cache.compile(adder.clone()));
    assertEquals(1, cache.size());
    ComponentInstance instance = first.instantiate(Linker.empty());
    assertEquals(
        Optional.of(new IntValue(Primitive.U32, 42)),
        instance.call(
            instance.function("docs:adder/add@0.1.0#add").orElseThrow(),
            List.of(new IntValue(Primitive.U32, 40), new IntValue(Primitive.U32, 2))));
  }

  @Test
  void differentBytesAreDifferentEntries() throws Exception {
    ComponentCache cache = new ComponentCache(Execution.INTERPRETED);
    byte[] other = TestComponents.bytes("example_guest_export.wasm");
    assertNotSame(cache.compile(adder), cache.compile(other));
    assertEquals(2, cache.size());
  }

  @Test
  void failuresAreNotCached() {
    ComponentCache cache = new ComponentCache(Execution.TIERED);
    byte[] truncated = Arrays.copyOf(adder, 20);
    assertThrows(ComponentDecodeException.class, () -> cache.compile(truncated));
    assertEquals(0, cache.size());
  }

  @Test
  void digestIsTheSha256OfTheBytes() {
    assertEquals(
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ComponentCache.digest(new byte[0]));
  }
}
