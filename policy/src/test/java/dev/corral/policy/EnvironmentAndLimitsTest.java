package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentAndLimitsTest {

  @Test
  void environmentIsExactNamesOnly() throws PolicyException {
    Policy p =
        PolicyParser.parse(
            "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: API_KEY\n      - key: HOME\n",
            "t",
            Path.of("/"));
    assertEquals(Set.of("API_KEY", "HOME"), p.environment().allowedKeys());
    assertEquals(true, p.environment().allows("API_KEY"));
    assertEquals(false, p.environment().allows("api_key"));
    assertEquals(false, p.environment().allows("API_KEY_2"));
    assertEquals(false, p.environment().allows("PATH"));
    Map<String, String> host = new LinkedHashMap<>();
    host.put("PATH", "/bin");
    host.put("HOME", "/root");
    host.put("API_KEY", "k");
    assertEquals(List.of("API_KEY", "HOME"), List.copyOf(p.environment().select(host).keySet()));
    assertEquals(Map.of("HOME", "/root"), p.environment().select(Map.of("HOME", "/root")));
  }

  /** limits section | timeout | memory bytes | output bytes. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {}                                   | PT30S   | 268435456  | 1048576
          {timeout: 500ms}                     | PT0.5S  | 268435456  | 1048576
          {timeout: 2m, memory: 1Gi}           | PT2M    | 1073741824 | 1048576
          {timeout: 1h, output: 10M}           | PT1H    | 268435456  | 10000000
          {memory: 65536, output: 1}           | PT30S   | 65536      | 1
          {memory: 4Gi}                        | PT30S   | 4294967296 | 1048576
          {memory: 100Ki}                      | PT30S   | 102400     | 1048576
          """)
  void limits(String section, Duration timeout, long memory, long output) throws PolicyException {
    Policy p = PolicyParser.parse("version: \"1.0\"\nlimits: " + section + "\n", "t", Path.of("/"));
    assertEquals(new Limits(timeout, memory, output), p.limits());
  }

  @ParameterizedTest(name = "limits {0} + resources {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          -       | {limits: {memory: 512Mi}} | 536870912
          1Gi     | {limits: {memory: 512Mi}} | 536870912
          128Mi   | {limits: {memory: 512Mi}} | 134217728
          128Mi   | {memory: 100}             | 104857600
          -       | {limits: {cpu: 2}}        | 268435456
          """)
  void memoryIsTheSmallestDeclared(String limit, String resources, long expected)
      throws PolicyException {
    String limits = limit.equals("-") ? "" : "limits:\n  memory: " + limit + "\n";
    Policy p =
        PolicyParser.parse(
            "version: \"1.0\"\npermissions:\n  resources: " + resources + "\n" + limits,
            "t",
            Path.of("/"));
    assertEquals(expected, p.limits().memoryBytes());
  }

  @Test
  void memoryPagesRoundDown() {
    assertEquals(4096, Limits.DEFAULTS.memoryPages());
    assertEquals(1, new Limits(Duration.ofSeconds(1), 100, 1).memoryPages());
    assertEquals(65536, new Limits(Duration.ofSeconds(1), 4L << 30, 1).memoryPages());
  }

  @ParameterizedTest
  @CsvSource({"500m,500", "1,1000", "2.5,2500", "0.001,1"})
  void cpuQuantities(String text, long millis) {
    assertEquals(millis, Quantities.parseCpuMillis(text));
  }

  @ParameterizedTest
  @CsvSource({"0.0001", "1.5m", "-1", "one"})
  void badCpuQuantities(String text) {
    assertThrows(IllegalArgumentException.class, () -> Quantities.parseCpuMillis(text));
  }

  @ParameterizedTest
  @CsvSource({"1024,1Ki", "268435456,256Mi", "1000,1000", "1073741824,1Gi", "1536,1536"})
  void byteFormatting(long bytes, String text) {
    assertEquals(text, Quantities.formatBytes(bytes));
    assertEquals(bytes, Quantities.parseBytes(text));
  }

  @ParameterizedTest
  @CsvSource({"PT0.5S,500ms", "PT30S,30s", "PT2M,2m", "PT3H,3h", "PT90S,90s"})
  void durationFormatting(Duration d, String text) {
    assertEquals(text, Quantities.formatDuration(d));
    assertEquals(d, Quantities.parseDuration(text));
  }
}
