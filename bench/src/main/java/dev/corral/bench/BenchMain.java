package dev.corral.bench;

import dev.corral.samples.SampleTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every figure with its peer in one run and writes {@code results.json} and {@code
 * results.md}. Arguments: the repository root, the results directory, and optionally a
 * comma-separated list of sections ({@code cold,latency,http,density,compute,js}; default all).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    String only =
        args.length > 2 && !args[2].isBlank() && !args[2].equals("true")
            ? args[2]
            : "cold,latency,http,density,compute,js";
    Files.createDirectories(out);
    Path work = Files.createTempDirectory("corral-bench");
    Env env = Env.create(root, work, out);

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("started", Instant.now().toString());
    results.put("machine", Machine.describe(env));
    List<String> table = new ArrayList<>();
    for (String section : only.split(",")) {
      log("section " + section);
      Map<String, Object> r =
          switch (section.trim()) {
            case "cold" -> ColdStart.run(env, table);
            case "latency" -> Latency.run(env, table);
            case "http" -> HttpThroughput.run(env, table);
            case "density" -> Density.run(env, table);
            case "compute" -> Compute.run(env, table);
            case "js" -> JsComponents.run(env, table);
            default -> throw new IllegalArgumentException("unknown section " + section);
          };
      results.put(section.trim(), r);
    }
    results.put("load_after", Machine.loadAverage());
    results.put("finished", Instant.now().toString());

    JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Files.writeString(out.resolve("results.json"), json.writeValueAsString(results) + "\n");
    Files.writeString(out.resolve("results.md"), Report.markdown(results, table));
    log("wrote " + out.resolve("results.json") + " and results.md");
  }

  static void log(String message) {
    System.err.println("bench: " + message);
  }

  /** Paths and commands shared by the sections. */
  record Env(
      Path root,
      Path work,
      Path results,
      Path corralJar,
      Path java,
      Path node,
      Path nodeFsServer,
      Path jco,
      byte[] computeWasm,
      byte[] filesystemWasm) {
    static Env create(Path root, Path work, Path results) throws IOException {
      Path jar = root.resolve("mcp-bridge/target/corral.jar");
      if (!Files.isRegularFile(jar)) {
        throw new IOException(jar + " is missing: run bench/run.sh, which builds it");
      }
      Path modules = root.resolve("build-tools/node_modules");
      Path node = modules.resolve("node/bin/node");
      if (!Files.isExecutable(node)) {
        node = modules.resolve(".bin/node");
      }
      Path fsServer = modules.resolve("@modelcontextprotocol/server-filesystem/dist/index.js");
      for (Path p : List.of(node, fsServer)) {
        if (!Files.exists(p)) {
          throw new IOException(p + " is missing: run scripts/install-toolchains");
        }
      }
      return new Env(
          root,
          work,
          results,
          jar,
          Path.of(System.getProperty("java.home"), "bin", "java"),
          node,
          fsServer,
          modules.resolve(".bin/jco"),
          SampleTools.find("compute").orElseThrow().wasm(),
          SampleTools.find("filesystem").orElseThrow().wasm());
    }

    /** {@code java -jar corral.jar serve ARGS} with its data directory under the work directory. */
    List<String> corral(String... args) {
      List<String> cmd =
          new ArrayList<>(List.of(java.toString(), "-jar", corralJar.toString(), "serve"));
      cmd.addAll(List.of(args));
      return cmd;
    }

    /**
     * {@code ./corral serve ARGS}: the launcher, which runs the jar with its AOT class cache (made
     * once per build; see the launcher's header).
     */
    List<String> launcher(String... args) {
      List<String> cmd = new ArrayList<>(List.of(root.resolve("corral").toString(), "serve"));
      cmd.addAll(List.of(args));
      return cmd;
    }

    Map<String, String> corralEnv() {
      return Map.of(
          "XDG_DATA_HOME",
          work.resolve("xdg-data").toString(),
          "XDG_CONFIG_HOME",
          work.resolve("xdg-config").toString(),
          "XDG_CACHE_HOME",
          work.resolve("xdg-cache").toString());
    }

    List<String> nodeFs(String directory) {
      return List.of(node.toString(), nodeFsServer.toString(), directory);
    }
  }
}
