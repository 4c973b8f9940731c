package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.CallFailedException;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.Execution;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The probe component behaves the same in every {@link Execution} mode; in particular the
 * wall-clock deadline stops a tight guest loop in compiled code (Chicory's compiler checks the
 * thread's interrupt flag on loop back-edges and calls), and the memory cap holds.
 */
class ExecutionModesTest {
  private static SandboxedComponent probe(Execution execution) throws Exception {
    return SandboxedComponent.of(
        CompiledComponent.compile(Components.bytes("corral/probe.component.wasm"), execution));
  }

  private static ResultValue run(SandboxedComponent probe, String op, String arg, Capabilities caps)
      throws CallFailedException {
    return (ResultValue)
        probe
            .call("run", List.of(new StringValue(op), new StringValue(arg)), caps)
            .value()
            .orElseThrow();
  }

  private static String text(ResultValue r) {
    return ((StringValue) r.payload().orElseThrow()).value();
  }

  @ParameterizedTest
  @EnumSource(Execution.class)
  void deadlineStopsAnInfiniteLoop(Execution execution) throws Exception {
    SandboxedComponent probe = probe(execution);
    Capabilities caps =
        Capabilities.none().withLimits(Limits.defaults().withTimeout(Duration.ofMillis(300)));
    for (int i = 0; i < 3; i++) { // TIERED: the later calls may run compiled
      CallFailedException e =
          assertThrows(CallFailedException.class, () -> run(probe, "loop", "", caps));
      assertEquals(CallFailedException.Reason.TIMEOUT, e.reason());
      assertEquals("deadline: the call ran longer than 300 ms and was stopped", e.getMessage());
    }
    assertEquals("next", text(run(probe, "echo", "next", Capabilities.none())));
  }

  @ParameterizedTest
  @EnumSource(Execution.class)
  void memoryCapHolds(Execution execution) throws Exception {
    SandboxedComponent probe = probe(execution);
    Capabilities caps =
        Capabilities.none().withLimits(Limits.defaults().withMaxMemoryBytes(8L << 20));
    ResultValue r = run(probe, "membomb", "", caps);
    assertTrue(!r.isOk() && text(r).matches("allocated [0-6] MiB then malloc failed"), text(r));
  }

  @ParameterizedTest
  @EnumSource(Execution.class)
  void manyCallsGiveTheSameResults(Execution execution) throws Exception {
    SandboxedComponent probe = probe(execution);
    for (int i = 0; i < 20; i++) {
      ResultValue r = run(probe, "echo", "call " + i, Capabilities.none());
      assertTrue(r.isOk());
      assertEquals("call " + i, text(r));
    }
  }
}
