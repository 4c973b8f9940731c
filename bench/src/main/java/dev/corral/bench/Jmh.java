package dev.corral.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs one JMH benchmark class in a forked JVM and returns its sample-time percentiles per
 * parameter combination, with the same keys as {@link Stats#toMap()} (milliseconds) plus JMH's
 * score error; JMH's own JSON goes to {@code rawResult}.
 */
final class Jmh {
  private Jmh() {}

  /** The measurement plan: warm-up and measured iterations of {@code seconds} each. */
  record Plan(int warmups, int iterations, int seconds) {}

  static List<Measured> run(
      Class<?> benchmark, Plan plan, Map<String, String[]> params, Path rawResult)
      throws Exception {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + java.util.regex.Pattern.quote(benchmark.getName()) + "\\.")
            .forks(1)
            .jvmArgsAppend("-Xss64m", "-XX:-DontCompileHugeMethods")
            .warmupIterations(plan.warmups())
            .warmupTime(TimeValue.seconds(plan.seconds()))
            .measurementIterations(plan.iterations())
            .measurementTime(TimeValue.seconds(plan.seconds()))
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(rawResult.toString());
    params.forEach(options::param);
    List<Measured> out = new ArrayList<>();
    for (RunResult r : new Runner(options.build()).run()) {
      out.add(Measured.of(r));
    }
    return out;
  }

  /** One parameter combination's result. */
  record Measured(Map<String, String> params, Map<String, Object> stats) {
    static Measured of(RunResult run) {
      BenchmarkParams bp = run.getParams();
      Map<String, String> params = new LinkedHashMap<>();
      for (String key : bp.getParamsKeys()) {
        params.put(key, bp.getParam(key));
      }
      Result<?> primary = run.getPrimaryResult();
      Statistics s = primary.getStatistics();
      if (!primary.getScoreUnit().equals("ms/op")) {
        throw new IllegalStateException("expected ms/op, got " + primary.getScoreUnit());
      }
      Map<String, Object> stats = new LinkedHashMap<>();
      stats.put("n", s.getN());
      stats.put("p50_ms", round(s.getPercentile(50)));
      stats.put("p99_ms", round(s.getPercentile(99)));
      stats.put("min_ms", round(s.getMin()));
      stats.put("max_ms", round(s.getMax()));
      stats.put("mean_ms", round(s.getMean()));
      stats.put("mean_error_ms", round(primary.getScoreError()));
      stats.put(
          "method",
          "JMH "
              + bp.getMode().shortLabel()
              + ", "
              + bp.getForks()
              + " fork, "
              + bp.getWarmup().getCount()
              + "x"
              + bp.getWarmup().getTime()
              + " warm-up, "
              + bp.getMeasurement().getCount()
              + "x"
              + bp.getMeasurement().getTime()
              + " measured");
      return new Measured(params, stats);
    }

    private static double round(double ms) {
      return Math.round(ms * 1_000.0) / 1_000.0;
    }
  }
}
