package dev.corral.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 1: process start to the first {@code tools/list} answer over stdio (spawn, initialize,
 * initialized, tools/list), Corral with its bundled samples vs the Node filesystem server. Corral
 * is started twice over: through the {@code corral} launcher (AOT class cache) and as a bare {@code
 * java -jar}.
 */
final class ColdStart {
  static final int RUNS = 7;

  private ColdStart() {}

  static Map<String, Object> run(BenchMain.Env env, List<String> table) throws Exception {
    Path docs = Path.of("/usr/share/doc");
    // The first corral start writes the samples into its data directory (and the launcher makes its
    // AOT cache when the jar is newer): do it before timing.
    measure(env.launcher(), env.corralEnv(), env.work().resolve("cold-warmup.log"));
    long[] launcher = new long[RUNS];
    long[] corral = new long[RUNS];
    long[] node = new long[RUNS];
    int[] corralTools = new int[1];
    int[] nodeTools = new int[1];
    for (int i = 0; i < RUNS; i++) { // interleaved, so all see the same machine load
      launcher[i] =
          measure(
              env.launcher(),
              env.corralEnv(),
              env.work().resolve("cold-launcher.log"),
              corralTools);
      corral[i] =
          measure(
              env.corral(), env.corralEnv(), env.work().resolve("cold-corral.log"), corralTools);
      node[i] =
          measure(
              env.nodeFs(docs.toString()),
              Map.of(),
              env.work().resolve("cold-node.log"),
              nodeTools);
    }
    Stats l = Stats.of(launcher);
    Stats c = Stats.of(corral);
    Stats n = Stats.of(node);
    table.add(
        Report.row(
            "Cold start to first tools/list (stdio), p50",
            "./corral serve (AOT cache), " + corralTools[0] + " tools",
            l.p50Ms() + " ms",
            "Node filesystem server, " + nodeTools[0] + " tools",
            n.p50Ms() + " ms"));
    table.add(
        Report.row(
            "Cold start, without the launcher's AOT cache, p50",
            "java -jar corral.jar serve",
            c.p50Ms() + " ms",
            "-",
            "-"));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("corral_launcher", l.toMap());
    r.put("corral", c.toMap());
    r.put("corral_tools", corralTools[0]);
    r.put("node_filesystem", n.toMap());
    r.put("node_tools", nodeTools[0]);
    return r;
  }

  private static long measure(List<String> cmd, Map<String, String> env, Path log, int[] tools)
      throws Exception {
    long start = System.nanoTime();
    try (McpStdioClient client = McpStdioClient.start(cmd, env, log)) {
      client.initialize();
      Map<String, Object> result = client.request("tools/list", Map.of());
      long elapsed = System.nanoTime() - start;
      tools[0] = ((List<?>) result.get("tools")).size();
      return elapsed;
    }
  }

  private static void measure(List<String> cmd, Map<String, String> env, Path log)
      throws Exception {
    measure(cmd, env, log, new int[1]);
    Files.deleteIfExists(log);
  }
}
