package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.oci.RegistryExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Three replicas of one declared deployment (no shared memory; the adder pulled from Debian's
 * docker-registry on loopback) behind HAProxy from Debian, round robin without stickiness: 64
 * clients speaking MCP 2026-07-28 make {@code corral.replicas.calls} calls (default 2,000; the
 * issue's full run is {@code -Dcorral.replicas.calls=10000}), one replica is killed (kill -9) when
 * half are answered, and every call still gets its own right answer (a client retries a call whose
 * connection failed or that HAProxy answered 502/503/504). Every replica lists the same tools.
 */
class ReplicasIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();
  private static final Pattern SERVING =
      Pattern.compile("serving \\d+ tool\\(s\\) at (http://127\\.0\\.0\\.1:(\\d+)/mcp)");
  private static final String TOKEN = "replicas-it-token";
  private static final int CLIENTS = 64;
  private static final int CALLS = Integer.getInteger("corral.replicas.calls", 2_000);
  private static final int ATTEMPTS = 20;

  @TempDir Path home;

  @Test
  void everyCallIsAnsweredWhileAReplicaIsKilled() throws Exception {
    Path declared = new DeclaredAdder(home, REGISTRY.host()).declare("dev.pub");
    Path key =
        Files.writeString(home.resolve("state.key"), "the replicas' shared request-state key\n");
    List<McpProcess> replicas = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      // the command line of the Kubernetes manifest (deploy/kubernetes/corral.yaml), with this
      // test's values
      String[] args =
          DeployManifests.args(
                  Map.of(
                      "CORRAL_LISTEN",
                      "127.0.0.1:0",
                      "CORRAL_ALLOWED_HOST",
                      "localhost",
                      "CORRAL_DEPLOYMENT",
                      declared.toString(),
                      "CORRAL_STATE_KEY_FILE",
                      key.toString()))
              .toArray(String[]::new);
      for (int i = 0; i < 3; i++) {
        ProcessBuilder serve = McpProcess.corral(home.resolve("replica-" + i), args);
        serve.environment().put("CORRAL_TOKEN", TOKEN);
        serve.environment().put("CORRAL_INSECURE_REGISTRIES", REGISTRY.host());
        replicas.add(McpProcess.start(serve));
        ports.add(port(replicas.get(i)));
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      List<JsonNode> listed = new ArrayList<>();
      for (int port : ports) {
        listed.add(
            ModernHttp.body(
                    http.send(
                        ModernHttp.request(
                            "http://127.0.0.1:" + port + "/mcp",
                            TOKEN,
                            1,
                            "tools/list",
                            JSON.createObjectNode()),
                        HttpResponse.BodyHandlers.ofString()))
                .at("/result/tools"));
      }
      assertEquals(listed.get(0), listed.get(1));
      assertEquals(listed.get(0), listed.get(2));
      for (String probe : List.of("readinessProbe", "livenessProbe")) {
        HttpResponse<String> health =
            http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + ports.get(0) + DeployManifests.probePath(probe)))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), probe + " " + health.body());
      }

      try (HaProxy proxy = HaProxy.start(home, ports)) {
        String url = "http://127.0.0.1:" + proxy.port() + "/mcp";
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch half = new CountDownLatch(CALLS / 2);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          running.add(
              clients.submit(
                  () -> {
                    HttpClient own =
                        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    for (int i = client; i < CALLS; i += CLIENTS) {
                      JsonNode result = callWithRetries(own, url, i, retried);
                      if (!("{\"result\":" + (i + 1) + "}")
                          .equals(result.at("/result/structuredContent").toString())) {
                        wrong.add(i + ": " + result);
                      }
                      answered.incrementAndGet();
                      half.countDown();
                    }
                    return null;
                  }));
        }
        assertTrue(half.await(10, TimeUnit.MINUTES), "half the calls answered");
        replicas.get(1).close(); // kill -9 in the middle of the run
        clients.shutdown();
        for (Future<?> client : running) {
          client.get(10, TimeUnit.MINUTES);
        }
        assertEquals(List.of(), List.copyOf(wrong));
        assertEquals(CALLS, answered.get());
        System.out.println(
            "ReplicasIT: "
                + CALLS
                + " calls answered by 3 replicas (one killed halfway), "
                + retried.get()
                + " retried");
      }
    } finally {
      for (McpProcess replica : replicas) {
        replica.close();
      }
    }
  }

  /**
   * The port a replica serves on, once it does (a loaded machine may take minutes to start three
   * JVMs).
   */
  private static int port(McpProcess replica) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      java.util.regex.Matcher serving = SERVING.matcher(replica.stderr());
      if (serving.find()) {
        return Integer.parseInt(serving.group(2));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the replica did not start in 3 minutes:\n" + replica.stderr());
  }

  /** Calls add(i, 1) until an answer comes: a failed connection or a 502/503/504 is tried again. */
  private static JsonNode callWithRetries(HttpClient http, String url, int i, AtomicInteger retried)
      throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(
                ModernHttp.call(
                    url,
                    TOKEN,
                    i,
                    "docs_adder_add_add",
                    JSON.readTree("{\"x\":" + i + ",\"y\":1}")),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return ModernHttp.body(response);
        }
        if (response.statusCode() < 502 || response.statusCode() > 504 || attempt == ATTEMPTS) {
          throw new AssertionError(
              "call " + i + ": HTTP " + response.statusCode() + " " + response.body());
        }
      } catch (IOException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
      retried.incrementAndGet();
      Thread.sleep(50L * attempt);
    }
  }

  /** HAProxy from Debian on loopback, round robin over the replicas, checking their /health. */
  private record HaProxy(Process process, int port) implements AutoCloseable {
    static HaProxy start(Path home, List<Integer> replicas) throws Exception {
      int port;
      try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      StringBuilder config =
          new StringBuilder(
              """
          global
            maxconn 512
          defaults
            mode http
            timeout connect 2s
            timeout client 60s
            timeout server 60s
            retries 3
            option redispatch
          frontend mcp
            bind 127.0.0.1:%d
            default_backend corral
          backend corral
            balance roundrobin
            option httpchk GET /health
            # the replicas check the Host header against the address they serve: send theirs
            http-send-name-header Host
          """
                  .formatted(port));
      for (int replica : replicas) {
        config
            .append("  server 127.0.0.1:")
            .append(replica)
            .append(" 127.0.0.1:")
            .append(replica)
            .append(" check inter 300 fall 1 rise 1\n");
      }
      Path file = Files.writeString(home.resolve("haproxy.cfg"), config.toString());
      Process process =
          new ProcessBuilder("haproxy", "-db", "-f", file.toString())
              .redirectErrorStream(true)
              .redirectOutput(home.resolve("haproxy.log").toFile())
              .start();
      HaProxy proxy = new HaProxy(process, port);
      for (int i = 0; i < 100; i++) {
        try (java.net.Socket probe =
            new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
          return proxy;
        } catch (IOException notYet) {
          if (!process.isAlive()) {
            throw new AssertionError(
                "haproxy exited: " + Files.readString(home.resolve("haproxy.log")));
          }
          Thread.sleep(100);
        }
      }
      proxy.close();
      throw new AssertionError(
          "haproxy did not listen on "
              + port
              + ": "
              + Files.readString(home.resolve("haproxy.log")));
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
