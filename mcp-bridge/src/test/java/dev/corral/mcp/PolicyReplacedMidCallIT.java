package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The policy file replaced while a call runs, through the real server and the C probe component
 * ({@code run("sleep", "3")} sleeps three seconds): the running call keeps the policy it started
 * with, the next call sees a new good policy, and a broken file (atomically swapped in or
 * overwritten in place) keeps the last good one.
 *
 * <p>The policies differ in what a call can observe: the environment variable {@code
 * EXAMPLE_VISIBLE} and the wall-clock limit (30 s against 1 s, shorter than the sleep). To know the
 * running call has read its policy before the file is replaced, the test sets the file's access
 * time back to 1970 before the call and waits until it moves (the file system is mounted {@code
 * relatime} or {@code strictatime}, so the server's read updates it).
 */
class PolicyReplacedMidCallIT {
  private static final Path PROBE =
      Path.of("../sandbox/src/test/resources/components/corral/probe.component.wasm")
          .toAbsolutePath();
  private static final String GENEROUS =
      "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: EXAMPLE_VISIBLE\n"
          + "limits:\n  timeout: 30s\n";
  private static final String STRICT = "version: \"1.0\"\nlimits:\n  timeout: 1s\n";
  private static final String GARBAGE = "version: \"1.0\"\npermissions: [oops\n";
  private static final String SLEEP = "{\"op\":\"sleep\",\"arg\":\"3\"}";
  private static final String ENV = "{\"op\":\"env\",\"arg\":\"EXAMPLE_VISIBLE\"}";
  private static final String DEADLINE =
      "deadline: the call ran longer than 1000 ms and was stopped";

  @TempDir Path dir;
  private int nextId = 1000;

  @Test
  void runningCallKeepsItsPolicyNextCallSeesTheNewOneBrokenFilesKeepTheLastGood() throws Exception {
    Path wasm = dir.resolve("probe.wasm");
    Files.copy(PROBE, wasm);
    Path policy = dir.resolve("probe.policy.yaml");
    Files.writeString(policy, GENEROUS);
    ProcessBuilder builder = McpProcess.corral(dir, "serve", "--component", wasm.toString());
    builder.environment().put("EXAMPLE_VISIBLE", "yes");
    try (McpProcess server = McpProcess.start(builder)) {
      server.initialize();
      String run = toolNamed(server.componentToolNames(), "run");
      assertEquals("yes", ok(server.callTool(run, ENV)));

      // atomically replaced by a stricter policy while a call runs
      int sleeping = startCall(server, run, SLEEP, policy);
      replaceAtomically(policy, STRICT);
      assertEquals("slept", ok(reply(server, sleeping)), "the running call kept its 30 s limit");
      assertEquals("(unset)", ok(server.callTool(run, ENV)));
      assertDeadline(server.callTool(run, SLEEP));

      // atomically replaced by garbage: the last good (strict) policy stays in force
      replaceAtomically(policy, GARBAGE);
      assertEquals("(unset)", ok(server.callTool(run, ENV)));
      assertDeadline(server.callTool(run, SLEEP));

      // a good policy again, then garbage written in place while a call runs
      replaceAtomically(policy, GENEROUS);
      assertEquals("yes", ok(server.callTool(run, ENV)));
      sleeping = startCall(server, run, SLEEP, policy);
      Files.writeString(policy, GARBAGE);
      assertEquals("slept", ok(reply(server, sleeping)));
      assertEquals("yes", ok(server.callTool(run, ENV)), "the last good policy stays in force");
      assertEquals("slept", ok(server.callTool(run, SLEEP)));
      assertTrue(
          server
              .stderr()
              .contains("policy " + policy + " is invalid; keeping the last good policy"),
          server.stderr());

      // garbage atomically swapped in while a call runs under the generous policy
      sleeping = startCall(server, run, SLEEP, policy);
      replaceAtomically(policy, "\0\1\2 not yaml at all");
      assertEquals("slept", ok(reply(server, sleeping)));
      assertEquals("yes", ok(server.callTool(run, ENV)));
      assertEquals(0, server.closeAndWait());
    }
  }

  /**
   * Sends a tools/call without waiting for its reply; returns once the server has read the policy
   * file for it (the file's access time moved). The policy in force does not change.
   */
  private int startCall(McpProcess server, String tool, String arguments, Path policy)
      throws Exception {
    // the same bytes under a new inode, so the server looks at the file again rather than trusting
    // its stat
    replaceAtomically(policy, Files.readString(policy));
    FileTime longAgo = FileTime.fromMillis(0);
    Files.setAttribute(policy, "lastAccessTime", longAgo);
    int id = nextId++;
    ObjectNode message =
        JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
    message.putObject("params").put("name", tool).set("arguments", JSON.readTree(arguments));
    server.send(JSON.writeValueAsString(message));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Files.readAttributes(policy, java.nio.file.attribute.BasicFileAttributes.class)
        .lastAccessTime()
        .equals(longAgo)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the server never read " + policy + " for the call; stderr:\n" + server.stderr());
      }
      Thread.sleep(5);
    }
    return id;
  }

  private static JsonNode reply(McpProcess server, int id) throws Exception {
    while (true) {
      JsonNode reply = JSON.readTree(server.nextLine());
      if (reply.path("id").isNumber() && reply.path("id").asInt() == id) {
        assertFalse(reply.has("error"), reply.toString());
        return reply.get("result");
      }
    }
  }

  private static void replaceAtomically(Path file, String content) throws Exception {
    Path temporary = Files.createTempFile(file.getParent(), ".policy", ".tmp");
    Files.writeString(temporary, content);
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String ok(JsonNode result) {
    assertEquals("ok", result.at("/structuredContent/result/tag").asString(), result.toString());
    return result.at("/structuredContent/result/val").asString();
  }

  private static void assertDeadline(JsonNode result) {
    assertTrue(result.path("isError").asBoolean(false), result.toString());
    assertTrue(result.at("/content/0/text").asString().contains(DEADLINE), result.toString());
  }

  private static String toolNamed(List<String> names, String export) {
    List<String> matching =
        new ArrayList<>(
            names.stream().filter(n -> n.equals(export) || n.endsWith("_" + export)).toList());
    assertEquals(1, matching.size(), names.toString());
    return matching.get(0);
  }
}
