package dev.corral.sandbox.bench;

import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.ComponentDecoder;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ComponentInstance;
import dev.corral.sandbox.runtime.ExportedFunction;
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
 * Decode, compile, instantiate and call for a small component ({@code adder}: 14 KB, one core
 * module) and a 2 MB one ({@code example_guest_export}: Rust, a resource). Run with the {@code
 * bench} Maven profile; results go to sandbox/target/jmh-results.json.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuntimeBenchmark {
  @Param({"adder.component.wasm", "example_guest_export.wasm"})
  public String component;

  private byte[] bytes;
  private CompiledComponent compiled;
  private ComponentInstance instance;
  private ExportedFunction function;
  private List<Value> args;

  @Setup
  public void setup() throws Exception {
    bytes = TestComponents.bytes(component);
    compiled = CompiledComponent.compile(bytes);
    instance = compiled.instantiate(Linker.empty());
    if (component.startsWith("adder")) {
      function = instance.function("docs:adder/add@0.1.0#add").orElseThrow();
      args = List.of(new IntValue(Primitive.U32, 40), new IntValue(Primitive.U32, 2));
    } else {
      function =
          instance.function("example:component/backend@0.1.0#[static]scalars.get-a").orElseThrow();
      args = List.of();
    }
  }

  /** Binary decoding only: sections, types, canon definitions; core modules kept as bytes. */
  @Benchmark
  public Component decode() throws Exception {
    return ComponentDecoder.decode(bytes);
  }

  /** Decoding plus parsing every core module and reading the world. */
  @Benchmark
  public CompiledComponent compile() throws Exception {
    return CompiledComponent.compile(bytes);
  }

  /** A fresh instance from a compiled component (core instances, start functions, linking). */
  @Benchmark
  public ComponentInstance instantiate() throws Exception {
    return compiled.instantiate(Linker.empty());
  }

  /** One call of an export on a live instance: lower, run (interpreted), lift, post-return. */
  @Benchmark
  public Optional<Value> call() throws Exception {
    return instance.call(function, args);
  }
}
