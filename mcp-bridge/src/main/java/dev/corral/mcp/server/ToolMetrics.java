package dev.corral.mcp.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's metrics in Prometheus text format (Micrometer's Prometheus registry): per tool the
 * calls with their latency histogram ({@code corral_tool_calls_seconds}) and the calls that ended
 * in an error ({@code corral_tool_errors_total}); the calls running now ({@code
 * corral_instances_in_flight}, each in a fresh instance); and the JVM's memory ({@code
 * jvm_memory_*}).
 */
public final class ToolMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger inFlight = new AtomicInteger();

  public ToolMetrics() {
    Gauge.builder("corral.instances.in.flight", inFlight, AtomicInteger::get)
        .description("Tool calls running now, each in a fresh instance")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
  }

  /** {@code tools} with every call counted and timed. */
  public List<SyncToolSpecification> measured(List<SyncToolSpecification> tools) {
    return tools.stream().map(this::measured).toList();
  }

  private SyncToolSpecification measured(SyncToolSpecification tool) {
    String name = tool.tool().name();
    Timer timer =
        Timer.builder("corral.tool.calls")
            .description("Tool calls and their latency")
            .tag("tool", name)
            .publishPercentileHistogram()
            .register(registry);
    Counter errors =
        Counter.builder("corral.tool.errors")
            .description("Tool calls that ended in an error")
            .tag("tool", name)
            .register(registry);
    return SyncToolSpecification.builder()
        .tool(tool.tool())
        .callHandler(
            (exchange, request) -> {
              inFlight.incrementAndGet();
              Timer.Sample sample = Timer.start(registry);
              boolean failed = true;
              try {
                CallToolResult result = tool.callHandler().apply(exchange, request);
                failed = Boolean.TRUE.equals(result.isError());
                return result;
              } catch (ModernSession.InputRequiredException e) {
                failed = false; // the question goes to the user; the retry is the call that counts
                throw e;
              } finally {
                sample.stop(timer);
                inFlight.decrementAndGet();
                if (failed) {
                  errors.increment();
                }
              }
            })
        .build();
  }

  /** The metrics in Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }
}
