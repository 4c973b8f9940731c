package dev.corral.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 4: 1,000 components in one server ({@code corral serve --no-samples --component F} for
 * 1,000 copies of the compute sample, each with its policy). Memory per component is the difference
 * in resident set size (after start-up and one tools/list) between that server and one serving a
 * single copy, divided by 999. Also: time from start to the first tools/list answer, and the
 * latency of a later tools/list over all 3,000 tools.
 */
final class Density {
  static final int COMPONENTS = 1000;

  private Density() {}

  static Map<String, Object> run(BenchMain.Env env, List<String> table) throws Exception {
    Path dir = env.work().resolve("density");
    Files.createDirectories(dir);
    String policy = "version: \"1.0\"\ndescription: \"density copy\"\npermissions: {}\n";
    List<String> all = new ArrayList<>();
    for (int i = 0; i < COMPONENTS; i++) {
      String name = String.format("compute%04d", i);
      Files.write(dir.resolve(name + ".wasm"), env.computeWasm());
      Files.writeString(dir.resolve(name + ".policy.yaml"), policy);
      all.add("--component");
      all.add(dir.resolve(name + ".wasm").toString());
    }
    Map<String, Object> one = measure(env, all.subList(0, 2), "density-1.log");
    Map<String, Object> many = measure(env, all, "density-1000.log");
    long perComponent =
        ((long) many.get("rss_bytes") - (long) one.get("rss_bytes")) / (COMPONENTS - 1);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("one_component", one);
    r.put("components_" + COMPONENTS, many);
    r.put("rss_per_component_bytes", perComponent);
    table.add(
        Report.row(
            "Density: 1,000 components in one server",
            "memory per component (RSS delta)",
            perComponent / 1024 + " KiB",
            "start to first tools/list; a later tools/list",
            many.get("start_to_list_ms")
                + " ms; "
                + many.get("list_ms")
                + " ms ("
                + many.get("tools")
                + " tools)"));
    return r;
  }

  private static Map<String, Object> measure(
      BenchMain.Env env, List<String> components, String logName) throws Exception {
    List<String> args = new ArrayList<>(List.of("--no-samples"));
    args.addAll(components);
    long start = System.nanoTime();
    try (McpStdioClient client =
        McpStdioClient.start(
            env.corral(args.toArray(String[]::new)),
            env.corralEnv(),
            env.work().resolve(logName))) {
      client.initialize();
      int tools = Latency.toolNames(client).size();
      long startToList = System.nanoTime() - start;
      long[] lists = new long[5];
      for (int i = 0; i < lists.length; i++) {
        long s = System.nanoTime();
        client.request("tools/list", Map.of());
        lists[i] = System.nanoTime() - s;
      }
      System.gc(); // ours; the server's heap is what it is: RSS is the honest figure
      Thread.sleep(500);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("components", components.size() / 2);
      m.put("tools", tools);
      m.put("start_to_list_ms", Math.round(startToList / 1e5) / 10.0);
      m.put("list_ms", Stats.of(lists).p50Ms());
      m.put("rss_bytes", Machine.rssBytes(client.pid()));
      return m;
    }
  }
}
