package dev.corral.bench;

import dev.corral.samples.SampleTools;
import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.Execution;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.Value;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Figure 5, in process (JMH): SHA-256 of 1 MiB of text by the C {@code compute} sample, in a fresh
 * instance, run by Chicory's compiler or its interpreter. {@link Compute} runs it next to the same
 * C compiled natively.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ComputeBenchmark {
  @Param({"COMPILED", "INTERPRETED"})
  public Execution execution;

  private SandboxedComponent component;
  private List<Value> args;
  private Capabilities capabilities;

  @Setup
  public void load() throws Exception {
    component =
        SandboxedComponent.of(
            CompiledComponent.compile(SampleTools.find("compute").orElseThrow().wasm(), execution));
    args = List.of(new StringValue(Compute.text()));
    capabilities =
        Capabilities.none().withLimits(Limits.defaults().withTimeout(Duration.ofMinutes(5)));
    String digest = Compute.digest(component.call(Compute.FUNCTION, args, capabilities));
    if (!digest.equals(Compute.expectedDigest())) {
      throw new IllegalStateException(
          "sha256 gave " + digest + ", expected " + Compute.expectedDigest());
    }
  }

  @Benchmark
  public CallResult sha256OfOneMebibyte() throws Exception {
    return component.call(Compute.FUNCTION, args, capabilities);
  }
}
