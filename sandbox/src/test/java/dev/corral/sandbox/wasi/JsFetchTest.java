package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.AddressClass;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.capability.NetworkAccess;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real wasi:http client, StarlingMonkey's {@code fetch()} built with componentize-js
 * (src/test/js/fetch), against a local server: every wasi:http function it imports must link with
 * the host's types, and the policy applies to it.
 */
class JsFetchTest {
  private static SandboxedComponent fetcher;
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    fetcher = SandboxedComponent.load(Components.bytes("corral/fetch.component.wasm"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] reply =
              ("hi from " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static final NetworkAccess LOOPBACK_ALLOWED =
      new NetworkAccess() {
        @Override
        public boolean allows(Endpoint endpoint) {
          return endpoint.host().equals("127.0.0.1");
        }

        @Override
        public boolean allowsRestricted(
            Endpoint endpoint, InetAddress address, AddressClass addressClass) {
          return addressClass == AddressClass.LOOPBACK;
        }
      };

  private static Capabilities caps(NetworkAccess network) {
    return Capabilities.none()
        .withNetwork(network)
        .withLimits(Limits.defaults().withTimeout(Duration.ofSeconds(120)));
  }

  @Test
  void fetchReachesAnAllowedServer() throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/js";
    CallResult r = fetcher.call("get", List.of(new StringValue(url)), caps(LOOPBACK_ALLOWED));
    assertEquals(ResultValue.ok(new StringValue("200 hi from /js")), r.value().orElseThrow());
  }

  @Test
  void fetchIsDeniedWithoutTheCapability() throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/js";
    CallResult r = fetcher.call("get", List.of(new StringValue(url)), caps(NetworkAccess.none()));
    ResultValue v = (ResultValue) r.value().orElseThrow();
    assertFalse(v.isOk());
    assertTrue(
        ((StringValue) v.payload().orElseThrow()).value().startsWith("fetch failed"), v.toString());
    assertEquals(
        List.of(
            "http request denied: network access to http://127.0.0.1:"
                + server.getAddress().getPort()
                + " is not allowed by the policy"),
        r.notices());
  }
}
