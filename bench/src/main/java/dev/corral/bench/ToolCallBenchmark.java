package dev.corral.bench;

import dev.corral.samples.SampleTools;
import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.DirectoryGrant;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.Execution;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.Value;
import java.nio.file.Path;
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
 * Figure 2, in process (JMH): one tool call in a fresh instance, as every sandboxed call is made,
 * through {@link SandboxedComponent#call}: the C {@code compute} sample's {@code sha256} of a short
 * string, or the Rust {@code filesystem} sample's {@code read-file} of a 2.5 KB file under a
 * read-only grant. {@link Latency} runs it and puts the percentiles in the report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ToolCallBenchmark {
  @Param({"compute", "filesystem"})
  public String tool;

  @Param({"COMPILED", "INTERPRETED", "TIERED"})
  public Execution execution;

  private SandboxedComponent component;
  private String function;
  private List<Value> args;
  private Capabilities capabilities;

  @Setup
  public void load() throws Exception {
    byte[] wasm = SampleTools.find(tool).orElseThrow().wasm();
    component = SandboxedComponent.of(CompiledComponent.compile(wasm, execution));
    if (tool.equals("compute")) {
      function = "corral:compute/text@0.1.0#sha256";
      args = List.of(new StringValue(Latency.TEXT));
      capabilities = Capabilities.none();
    } else {
      function =
          component.functions().stream()
              .map(f -> f.qualifiedName())
              .filter(n -> n.endsWith("#read-file"))
              .findFirst()
              .orElseThrow();
      args = List.of(new StringValue(Latency.FILE));
      Path docs = Path.of(Latency.FILE).getParent().getParent();
      capabilities =
          Capabilities.none()
              .withDirectories(List.of(DirectoryGrant.readOnly(docs, docs.toString())));
    }
    component.call(function, args, capabilities); // fails the trial at once if the call fails
  }

  @Benchmark
  public CallResult freshInstanceAndCall() throws Exception {
    return component.call(function, args, capabilities);
  }
}
