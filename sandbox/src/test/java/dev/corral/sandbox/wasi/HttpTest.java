package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.corral.sandbox.CallFailedException;
import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.AddressClass;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.capability.NetworkAccess;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * wasi:http outgoing-handler from the C probe (hand-written canonical ABI calls) against a real
 * HTTP server on 127.0.0.1, under different network policies.
 */
class HttpTest {
  private static SandboxedComponent probe;
  private HttpServer server;
  private int port;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    probe = SandboxedComponent.load(Components.bytes("corral/probe.component.wasm"));
  }

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          seen.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " x-probe="
                  + exchange.getRequestHeaders().getFirst("x-probe")
                  + " body="
                  + new String(body, StandardCharsets.UTF_8));
          if (exchange.getRequestURI().getPath().equals("/redirect")) {
            exchange
                .getResponseHeaders()
                .add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
          }
          byte[] reply =
              ("hello " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Allows every endpoint by name; restricted addresses only when {@code loopback}. */
  private static NetworkAccess allowAll(boolean loopback) {
    return new NetworkAccess() {
      @Override
      public boolean allows(Endpoint endpoint) {
        return true;
      }

      @Override
      public boolean allowsRestricted(
          Endpoint endpoint, InetAddress address, AddressClass addressClass) {
        return loopback && addressClass == AddressClass.LOOPBACK;
      }
    };
  }

  private static NetworkAccess onlyHost(String host, int port) {
    return new NetworkAccess() {
      @Override
      public boolean allows(Endpoint e) {
        return e.scheme().equals("http") && e.host().equals(host) && e.port() == port;
      }

      @Override
      public boolean allowsRestricted(
          Endpoint endpoint, InetAddress address, AddressClass addressClass) {
        return addressClass == AddressClass.LOOPBACK;
      }
    };
  }

  private CallResult http(
      String method, String authority, String path, String body, NetworkAccess network)
      throws CallFailedException {
    String arg = method + "\nhttp\n" + authority + "\n" + path + "\n" + body;
    return probe.call(
        "run",
        List.of(new StringValue("http"), new StringValue(arg)),
        Capabilities.none().withNetwork(network));
  }

  private static String text(CallResult r) {
    ResultValue v = (ResultValue) r.value().orElseThrow();
    return (v.isOk() ? "ok: " : "err: ") + ((StringValue) v.payload().orElseThrow()).value();
  }

  @Test
  void allowedRequestReachesTheServer() throws Exception {
    CallResult r = http("GET", "127.0.0.1:" + port, "/hi?x=1", "", allowAll(true));
    assertEquals("ok: status 200 body hello /hi", text(r));
    assertEquals(List.of("GET /hi?x=1 x-probe=yes body="), seen);
    assertEquals(List.of(), r.notices());
  }

  @Test
  void postSendsTheBody() throws Exception {
    CallResult r = http("POST", "127.0.0.1:" + port, "/post", "payload", allowAll(true));
    assertEquals("ok: status 200 body hello /post", text(r));
    assertEquals(List.of("POST /post x-probe=yes body=payload"), seen);
  }

  @Test
  void noNetworkCapabilityDeniesWithHttpRequestDenied() throws Exception {
    CallResult r = http("GET", "127.0.0.1:" + port, "/", "", NetworkAccess.none());
    assertEquals("err: handle: error-code 15", text(r));
    assertEquals(
        List.of(
            "http request denied: network access to http://127.0.0.1:"
                + port
                + " is not allowed by the policy"),
        r.notices());
    assertEquals(List.of(), seen);
  }

  @Test
  void policyDecidesByHostAndPort() throws Exception {
    assertEquals(
        "ok: status 200 body hello /a",
        text(http("GET", "127.0.0.1:" + port, "/a", "", onlyHost("127.0.0.1", port))));
    assertEquals(
        "err: handle: error-code 15",
        text(
            http(
                "GET",
                "127.0.0.1:" + (port == 1 ? 2 : port - 1),
                "/b",
                "",
                onlyHost("127.0.0.1", port))));
    assertEquals(
        "err: handle: error-code 15",
        text(http("GET", "localhost:" + port, "/c", "", onlyHost("127.0.0.1", port))));
    assertEquals(List.of("GET /a x-probe=yes body="), seen);
  }

  @Test
  void loopbackIsProhibitedUnlessExplicitlyAllowed() throws Exception {
    CallResult r = http("GET", "127.0.0.1:" + port, "/", "", allowAll(false));
    assertEquals("err: response: error-code 4", text(r));
    assertEquals(
        List.of(
            "http request denied: http://127.0.0.1:"
                + port
                + " resolves to 127.0.0.1, a loopback "
                + "address, which the policy does not explicitly allow"),
        r.notices());
    // a name resolving to loopback is checked on the resolved address
    CallResult byName = http("GET", "localhost:" + port, "/", "", allowAll(false));
    assertEquals("err: response: error-code 4", text(byName));
    assertEquals(List.of(), seen);
  }

  @Test
  void metadataAndPrivateAddressesAreProhibited() throws Exception {
    assertEquals(
        "err: response: error-code 4",
        text(http("GET", "169.254.169.254", "/latest/", "", allowAll(true))));
    assertEquals(
        "err: response: error-code 4", text(http("GET", "10.1.2.3:8080", "/", "", allowAll(true))));
    assertEquals(
        "err: response: error-code 4",
        text(http("GET", "[::ffff:192.168.1.1]", "/", "", allowAll(true))));
    assertEquals(
        "err: response: error-code 4",
        text(http("GET", "0.0.0.0:" + port, "/", "", allowAll(true))));
  }

  @Test
  void redirectsAreNotFollowedByTheHost() throws Exception {
    CallResult r = http("GET", "127.0.0.1:" + port, "/redirect", "", allowAll(true));
    // the guest gets the 302 itself; following it would be a new request, checked again
    assertEquals("ok: status 302 body ", text(r));
    assertEquals(List.of("GET /redirect x-probe=yes body="), seen);
  }

  @Test
  void anInvalidMethodIsRefusedBySetMethod() throws Exception {
    assertEquals(
        "err: set-method: refused",
        text(http("BAD METHOD", "127.0.0.1:" + port, "/", "", allowAll(true))));
    assertEquals(
        "ok: status 200 body hello /m",
        text(http("PROPFIND", "127.0.0.1:" + port, "/m", "", allowAll(true))));
    assertEquals(List.of("PROPFIND /m x-probe=yes body="), seen);
  }

  @Test
  void aPortAbove65535IsAnInvalidUriNotATrap() throws Exception {
    CallResult r = http("GET", "127.0.0.1:70000", "/", "", allowAll(true));
    assertEquals("err: handle: error-code 19", text(r));
    assertEquals(
        List.of(
            "http request denied: invalid request URI: port 70000 is out of range: http://127.0.0.1:70000/"),
        r.notices());
  }

  @Test
  void unsupportedSchemeIsDenied() throws Exception {
    String arg = "GET\nftp\n127.0.0.1:" + port + "\n/\n";
    CallResult r =
        probe.call(
            "run",
            List.of(new StringValue("http"), new StringValue(arg)),
            Capabilities.none().withNetwork(allowAll(true)));
    assertEquals("err: handle: error-code 15", text(r));
    assertTrue(r.notices().get(0).contains("scheme ftp is not supported"), r.notices().toString());
  }
}
