package dev.corral.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of a sample of durations in nanoseconds, reported in milliseconds. */
record Stats(int n, double p50Ms, double p99Ms, double minMs, double maxMs) {
  static Stats of(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return new Stats(s.length, ms(pct(s, 50)), ms(pct(s, 99)), ms(s[0]), ms(s[s.length - 1]));
  }

  private static long pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("p50_ms", p50Ms);
    m.put("p99_ms", p99Ms);
    m.put("min_ms", minMs);
    m.put("max_ms", maxMs);
    return m;
  }
}
