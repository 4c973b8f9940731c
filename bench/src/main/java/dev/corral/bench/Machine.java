package dev.corral.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: CPUs, load, memory, runtime versions. */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe(BenchMain.Env env) throws IOException, InterruptedException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put(
        "cpu_model",
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .findFirst()
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .orElse("?"));
    m.put("load_before", loadAverage());
    m.put(
        "mem_total",
        Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " "));
    m.put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("node", output(List.of(env.node().toString(), "--version")));
    m.put("gcc", output(List.of("gcc", "-dumpfullversion")));
    return m;
  }

  /** /proc/loadavg: 1, 5 and 15 minute load averages, runnable/total tasks. */
  static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  /** Resident set size of a process in bytes (VmRSS). */
  static long rssBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for process " + pid);
  }

  static String output(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes()).trim();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + text);
    }
    return text;
  }
}
