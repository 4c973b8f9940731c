package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral tool list|invoke} and shell completion, from the built jar. */
class ToolCliIT {
  @TempDir Path home;

  private McpProcess corral(String... args) throws Exception {
    return McpProcess.start(McpProcess.corral(home, args));
  }

  @Test
  void listsAndInvokesTheSampleToolsLikeTheServer() throws Exception {
    try (McpProcess list = corral("tool", "list")) {
      assertEquals(0, list.waitForExit(), list.stderr());
      assertEquals(10, list.stdoutSoFar().size(), list.stdoutSoFar().toString());
      assertTrue(
          list.stdoutSoFar()
              .get(1)
              .matches(
                  "corral_compute_text_stats +Counts the bytes, characters, lines and words of `text`\\.  \\(compute\\)"),
          list.stdoutSoFar().get(1));
    }
    try (McpProcess yaml = corral("tool", "list", "-o", "yaml")) {
      assertEquals(0, yaml.waitForExit(), yaml.stderr());
      assertEquals(
          List.of(
              "---",
              "- name: \"corral_compute_text_sha256\"",
              "  title: \"corral:compute/text@0.1.0#sha256\""),
          yaml.stdoutSoFar().subList(0, 3));
    }
    try (McpProcess invoke =
        corral(
            "tool",
            "invoke",
            "corral_compute_text_stats",
            "--args",
            "{\"text\":\"hello world\\nbye\"}")) {
      assertEquals(0, invoke.waitForExit(), invoke.stderr());
      assertEquals(
          "{\"result\":{\"bytes\":15,\"chars\":15,\"lines\":2,\"words\":3}}",
          String.join("\n", invoke.stdoutSoFar()));
    }
    try (McpProcess wrong =
        corral("tool", "invoke", "corral_compute_text_sha256", "--args", "{\"text\":7}")) {
      assertEquals(1, wrong.waitForExit());
      assertTrue(
          wrong
              .stderr()
              .strip()
              .startsWith(
                  "corral: invalid arguments for corral_compute_text_sha256: $.text: expected string"),
          wrong.stderr());
    }
    try (McpProcess missing = corral("tool", "invoke", "nope")) {
      assertEquals(1, missing.waitForExit());
      assertEquals("corral: no tool 'nope' (see corral tool list)", missing.stderr().strip());
    }
  }

  /**
   * A usage error is not a refusal: what was wrong (with suggestions, or the usage), and exit
   * status 2.
   */
  @Test
  void aUsageErrorPrintsTheMessageAndTheUsageWithStatus2() throws Exception {
    try (McpProcess unknown = corral("tool", "list", "--colour")) {
      assertEquals(2, unknown.waitForExit());
      assertEquals(
          List.of("Unknown option: '--colour'", "Possible solutions: --component, --component-dir"),
          unknown.stderr().lines().toList());
      assertEquals(List.of(), unknown.stdoutSoFar());
    }
    try (McpProcess format = corral("tool", "list", "-o", "xml")) {
      assertEquals(2, format.waitForExit());
      assertTrue(
          format
              .stderr()
              .lines()
              .findFirst()
              .orElseThrow()
              .startsWith("Invalid value for option '--output'"),
          format.stderr());
    }
  }

  /**
   * {@code tool list} and {@code tool invoke} name tools as serve does: away from the built-in
   * tools' names, unique across components, with the same component ids.
   */
  @Test
  void namesToolsAndComponentsExactlyAsServeDoes() throws Exception {
    Path copy =
        java.nio.file.Files.createDirectories(home.resolve("copy")).resolve("adder.component.wasm");
    java.nio.file.Files.copy(McpProcess.testComponent("adder.component.wasm"), copy);
    String[] components = {
      "--component",
      McpProcess.testComponent("reserved-name.wasm").toString(),
      "--component",
      McpProcess.testComponent("adder.component.wasm").toString(),
      "--component",
      copy.toString()
    };
    List<String> expected =
        List.of("reserved-name_list-components", "docs_adder_add_add", "docs_adder_add_add_2");
    try (McpProcess server =
        McpProcess.start(McpProcess.corral(home, concat(new String[] {"serve"}, components)))) {
      server.initialize();
      assertEquals(expected, server.componentToolNames());
    }
    try (McpProcess list = corral(concat(new String[] {"tool", "list"}, components))) {
      assertEquals(0, list.waitForExit(), list.stderr());
      assertEquals(
          List.of(
              "reserved-name_list-components  Calls the WebAssembly component function list-components.  (reserved-name)",
              "docs_adder_add_add             Calls the WebAssembly component function add from the interface docs:adder/add@0.1.0.  (adder.component)",
              "docs_adder_add_add_2           Calls the WebAssembly component function add from the interface docs:adder/add@0.1.0.  (adder.component_2)"),
          list.stdoutSoFar());
    }
    try (McpProcess invoke =
        corral(
            concat(new String[] {"tool", "invoke", "reserved-name_list-components"}, components))) {
      assertEquals(0, invoke.waitForExit(), invoke.stderr());
      assertEquals(List.of("{\"result\":7}"), invoke.stdoutSoFar());
    }
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  @Test
  void generatesBashCompletion() throws Exception {
    try (McpProcess completion = corral("generate-completion")) {
      assertEquals(0, completion.waitForExit(), completion.stderr());
      String script = String.join("\n", completion.stdoutSoFar());
      assertTrue(
          script.startsWith("#!/usr/bin/env bash"),
          script.substring(0, Math.min(200, script.length())));
      assertTrue(script.contains("complete -F _complete_corral"), "no complete command for corral");
    }
  }
}
