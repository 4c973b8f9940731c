package dev.corral.sandbox.runtime;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes canonical ABI lifting from guest memory. The {@code lift} export of the hostile component
 * {@code src/test/wat/hostile-abi.wat} returns a pointer to its own {@code list<u8>} argument, so
 * the fuzzer's bytes are lifted as a record holding a string, a char, an option, a variant with a
 * list, a list of enums, flags and a result of lists and tuples. Every input either lifts or fails
 * with {@link ComponentTrap}; anything else is a finding.
 */
class CanonicalLiftFuzzTest {
  private static final CompiledComponent COMPONENT = compile();

  @FuzzTest(maxDuration = "5s")
  void lift(byte[] input) throws LinkException {
    List<Value> bytes = new ArrayList<>(input.length);
    for (byte b : input) {
      bytes.add(new IntValue(Primitive.U8, Byte.toUnsignedInt(b)));
    }
    try {
      ComponentInstance instance = COMPONENT.instantiate(Linker.empty());
      instance.call(instance.function("lift").orElseThrow(), List.of(new ListValue(bytes)));
    } catch (ComponentTrap expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError("a trap without a message", expected);
      }
    }
  }

  private static CompiledComponent compile() {
    try {
      return CompiledComponent.compile(TestComponents.bytes("corral/hostile-abi.wasm"));
    } catch (ComponentDecodeException | LinkException e) {
      throw new IllegalStateException(e);
    }
  }
}
