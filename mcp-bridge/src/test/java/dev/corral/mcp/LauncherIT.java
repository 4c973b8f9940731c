package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./corral} launcher at the repository's root, run as users run it, against the jar this
 * build made (without its start-up cache, CORRAL_NO_CDS=1, so that no training run is made), and
 * the JDK discovery it sources ({@code scripts/find-jdk.sh}).
 */
class LauncherIT {
  @TempDir Path home;

  private ProcessBuilder launcher(String... args) {
    List<String> command =
        new ArrayList<>(List.of(McpProcess.repository().resolve("corral").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
    builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
    builder.environment().put("CORRAL_NO_CDS", "1");
    return builder;
  }

  @Test
  void helpAndAStdioSessionThroughTheLauncher() throws Exception {
    try (McpProcess help = McpProcess.start(launcher("--help"))) {
      assertEquals(0, help.waitForExit(), help.stderr());
      assertTrue(
          help.stdoutSoFar().get(0).startsWith("Usage: corral "), help.stdoutSoFar().toString());
      assertEquals("", help.stderr(), "the launcher rebuilt the jar or wrote to stderr");
    }
    try (McpProcess server =
        McpProcess.start(
            launcher("serve", "--component", testComponent("adder.component.wasm").toString()))) {
      assertEquals("corral", server.initialize().at("/serverInfo/name").asString());
      assertEquals(List.of("docs_adder_add_add"), server.componentToolNames());
      assertEquals(0, server.closeAndWait());
      for (String line : server.stdoutSoFar()) {
        assertEquals(
            "2.0",
            JSON.readTree(line).path("jsonrpc").asString(),
            "stdout carried a non-JSON-RPC line: " + line);
      }
    }
  }

  /** A directory that looks like a JDK to find-jdk.sh: bin/java, bin/javac and a release file. */
  private Path fakeJdk(Path jvms, String name, String version) throws Exception {
    Path jdk = Files.createDirectories(jvms.resolve(name).resolve("bin"));
    for (String tool : List.of("java", "javac")) {
      Path script = Files.writeString(jdk.resolve(tool), "#!/bin/sh\nexit 1\n");
      script.toFile().setExecutable(true);
    }
    Files.writeString(
        jvms.resolve(name).resolve("release"),
        "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
    return jvms.resolve(name);
  }

  private String findJdk(Path jvms, String javaHome) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            "bash",
            "-c",
            "set -euo pipefail; . \"$1\"; corral_find_jdk \"$2\"; echo \"$JAVA_HOME\"",
            "find-jdk",
            McpProcess.repository().resolve("scripts/find-jdk.sh").toString(),
            jvms.toString());
    builder.environment().remove("JAVA_HOME");
    if (javaHome != null) {
      builder.environment().put("JAVA_HOME", javaHome);
    }
    Process process = builder.redirectErrorStream(true).start();
    String out =
        new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .strip();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return process.exitValue() + " " + out;
  }

  @Test
  void findJdkTakesJavaHomeElseTheNewestJdkByItsReleaseFile() throws Exception {
    Path jvms = Files.createDirectories(home.resolve("jvm"));
    // named so that the order of the names misleads: by name, zulu-22 would come first
    fakeJdk(jvms, "zulu-22", "22.0.2");
    Path newest = fakeJdk(jvms, "temurin-25", "25.0.1");
    Path older25 = fakeJdk(jvms, "other-25", "25.0.0");
    Path java21 = fakeJdk(jvms, "java-21", "21.0.9");
    Path java17 = fakeJdk(jvms, "java-17", "17.0.15");
    Files.createDirectories(jvms.resolve("not-a-jdk"));

    assertEquals("0 " + newest, findJdk(jvms, null));
    assertEquals("0 " + java21, findJdk(jvms, java21.toString()));
    assertEquals("0 " + older25, findJdk(jvms, older25.toString()));
    assertEquals("0 " + newest, findJdk(jvms, java17.toString()));

    Path old = Files.createDirectories(home.resolve("old-jvms"));
    fakeJdk(old, "java-17", "17.0.15");
    assertEquals(
        "1 corral: no JDK 21 or newer found. Set JAVA_HOME to one, or install one under "
            + old
            + " (for example: apt-get install openjdk-21-jdk-headless).",
        findJdk(old, null));
  }
}
