package dev.corral.sandbox.bench;

import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ComponentInstance;
import dev.corral.sandbox.runtime.Execution;
import dev.corral.sandbox.runtime.TestComponents;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fresh instance plus one call of the small {@code adder} component (the target: under 1
 * ms median) in each {@link Execution} mode. Run with the {@code bench} Maven profile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExecutionBenchmark {
  @Param({"INTERPRETED", "COMPILED", "TIERED"})
  public Execution execution;

  private CompiledComponent compiled;
  private final List<Value> args =
      List.of(new IntValue(Primitive.U32, 40), new IntValue(Primitive.U32, 2));

  @Setup
  public void setup() throws Exception {
    compiled = CompiledComponent.compile(TestComponents.bytes("adder.component.wasm"), execution);
  }

  /** Instantiate and call, as every sandboxed tool call does. */
  @Benchmark
  public Optional<Value> freshInstanceAndCall() throws Exception {
    ComponentInstance instance = compiled.instantiate(Linker.empty());
    return instance.call(instance.function("docs:adder/add@0.1.0#add").orElseThrow(), args);
  }
}
