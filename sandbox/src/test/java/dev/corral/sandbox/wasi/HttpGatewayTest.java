package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.corral.sandbox.capability.AddressClass;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.capability.NetworkAccess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the guest can put in a request that java.net.http would refuse: each is a wasi:http error
 * code (or a refused field), never a trap, and nothing is sent.
 */
class HttpGatewayTest {
  private HttpServer server;
  private int port;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private WasiContext ctx;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    port = server.getAddress().getPort();
    NetworkAccess loopback =
        new NetworkAccess() {
          @Override
          public boolean allows(Endpoint endpoint) {
            return true;
          }

          @Override
          public boolean allowsRestricted(
              Endpoint endpoint, InetAddress address, AddressClass addressClass) {
            return addressClass == AddressClass.LOOPBACK;
          }
        };
    ctx = new WasiContext(Capabilities.none().withNetwork(loopback));
  }

  @AfterEach
  void stop() {
    ctx.close();
    server.stop(0);
  }

  private HttpMessages.OutgoingRequest request(String method) {
    HttpMessages.OutgoingRequest r =
        new HttpMessages.OutgoingRequest(new HttpMessages.Fields(false));
    r.method = method;
    r.scheme = "http";
    r.authority = "127.0.0.1:" + port;
    r.pathWithQuery = "/p";
    return r;
  }

  private HttpMessages.Outcome send(HttpMessages.OutgoingRequest r) throws Exception {
    return new HttpGateway(ctx, new BodyBudget(HttpMessages.MAX_BODY_BYTES_PER_CALL))
        .send(r, new HttpMessages.RequestOptions());
  }

  @Test
  void aValidRequestIsSent() throws Exception {
    HttpMessages.Outcome outcome = send(request("PATCH"));
    assertEquals(204, outcome.response().status);
    assertEquals(List.of("PATCH /p"), seen);
  }

  @Test
  void aMethodJavaRefusesIsHttpRequestMethodInvalid() throws Exception {
    HttpMessages.Outcome outcome = send(request("BAD METHOD"));
    assertNull(outcome.response());
    assertEquals(HttpErrorCode.HTTP_REQUEST_METHOD_INVALID, outcome.errorCase());
    assertEquals("illegal method \"BAD METHOD\"", outcome.message());
    assertEquals(List.of(), seen);
  }

  @Test
  void aPortAbove65535IsHttpRequestUriInvalid() throws Exception {
    HttpMessages.OutgoingRequest r = request("GET");
    r.authority = "127.0.0.1:70000";
    HttpMessages.Outcome outcome = send(r);
    assertEquals(HttpErrorCode.HTTP_REQUEST_URI_INVALID, outcome.errorCase());
    assertEquals("port 70000 is out of range: http://127.0.0.1:70000/p", outcome.message());
    assertEquals(
        List.of(
            "http request denied: invalid request URI: port 70000 is out of range: "
                + "http://127.0.0.1:70000/p"),
        ctx.notices());
  }

  @Test
  void methodsAndFieldsAreCheckedAsRfc9110Says() {
    assertTrue(HttpMessages.validMethod("PROPFIND"));
    assertFalse(HttpMessages.validMethod("BAD METHOD"));
    assertFalse(HttpMessages.validMethod(""));
    assertFalse(HttpMessages.validMethod("G\u00c9T"));
    HttpMessages.Fields fields = new HttpMessages.Fields(true);
    assertTrue(
        fields.append("x-ok", "tab\tand obs-text \u00e9".getBytes(StandardCharsets.ISO_8859_1)));
    assertFalse(fields.append("x-bad", "a\u0001b".getBytes(StandardCharsets.ISO_8859_1)));
    assertFalse(fields.append("x-bad", "a\u007fb".getBytes(StandardCharsets.ISO_8859_1)));
    assertFalse(fields.append("x-bad", "a\r\nInjected: yes".getBytes(StandardCharsets.ISO_8859_1)));
    assertFalse(fields.append("bad name", "v".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals(1, fields.entries().size());
    assertArrayEquals(
        "tab\tand obs-text \u00e9".getBytes(StandardCharsets.ISO_8859_1),
        fields.get("X-OK").get(0));
  }

  @Test
  void guestTimeoutsBecomeDurationsJavaAccepts() {
    Duration fallback = Duration.ofSeconds(7);
    assertEquals(fallback, HttpGateway.timeout(null, fallback));
    assertEquals(Duration.ofNanos(1), HttpGateway.timeout(0L, fallback));
    assertEquals(Duration.ofMillis(5), HttpGateway.timeout(5_000_000L, fallback));
    // u64 nanoseconds beyond 2^63 - 1 arrive negative: no shorter than the fallback
    assertEquals(fallback, HttpGateway.timeout(-1L, fallback));
  }

  @Test
  void requestBodiesShareOneBudgetPerCall() throws Exception {
    BodyBudget budget = new BodyBudget(10);
    HttpMessages.OutgoingBody first = new HttpMessages.OutgoingBody(budget);
    HttpMessages.OutgoingBody second = new HttpMessages.OutgoingBody(budget);
    first.write(new byte[6]);
    StreamException e = assertThrows(StreamException.class, () -> second.write(new byte[5]));
    assertEquals("the call's HTTP bodies would pass 10 bytes", e.getMessage());
    second.write(new byte[4]);
    assertEquals(0, budget.remaining());
  }
}
