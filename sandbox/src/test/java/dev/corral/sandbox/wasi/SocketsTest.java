package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.AddressClass;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.capability.NetworkAccess;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wasi:sockets from the C probe (hand-written canonical ABI) against a real TCP server. */
class SocketsTest {
  private static SandboxedComponent probe;
  private ServerSocket server;
  private Thread acceptor;

  @BeforeAll
  static void load() throws Exception {
    probe = SandboxedComponent.load(Components.bytes("corral/probe.component.wasm"));
  }

  @BeforeEach
  void start() throws Exception {
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  InputStream in = s.getInputStream();
                  byte[] buf = new byte[5];
                  int n = in.readNBytes(buf, 0, 5);
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("echo:" + new String(buf, 0, n, StandardCharsets.UTF_8))
                          .getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join(5000);
  }

  private static NetworkAccess tcpTo(String host, int port, boolean loopback) {
    return new NetworkAccess() {
      @Override
      public boolean allows(Endpoint e) {
        return e.scheme().equals("tcp") && e.host().equals(host) && e.port() == port;
      }

      @Override
      public boolean allowsRestricted(
          Endpoint endpoint, InetAddress address, AddressClass addressClass) {
        return loopback && addressClass == AddressClass.LOOPBACK;
      }

      @Override
      public boolean allowsLookup(String name) {
        return name.equals(host);
      }
    };
  }

  private static String run(String op, String arg, NetworkAccess network) throws Exception {
    CallResult r =
        probe.call(
            "run",
            List.of(new StringValue(op), new StringValue(arg)),
            Capabilities.none().withNetwork(network));
    ResultValue v = (ResultValue) r.value().orElseThrow();
    return (v.isOk() ? "ok: " : "err: ") + ((StringValue) v.payload().orElseThrow()).value();
  }

  @Test
  void allowedConnectionExchangesData() throws Exception {
    int port = server.getLocalPort();
    assertEquals(
        "ok: echo:hello",
        run("tcp", "127.0.0.1\n" + port + "\nhello", tcpTo("127.0.0.1", port, true)));
  }

  @Test
  void deniedByDefault() throws Exception {
    int port = server.getLocalPort();
    // error-code access-denied is case 1
    assertEquals(
        "err: connect: error-code 1",
        run("tcp", "127.0.0.1\n" + port + "\nhello", NetworkAccess.none()));
  }

  @Test
  void otherPortIsDenied() throws Exception {
    int port = server.getLocalPort();
    assertEquals(
        "err: connect: error-code 1",
        run("tcp", "127.0.0.1\n" + port + "\nhello", tcpTo("127.0.0.1", port + 1, true)));
  }

  @Test
  void loopbackNeedsExplicitPermission() throws Exception {
    int port = server.getLocalPort();
    assertEquals(
        "err: connect: error-code 1",
        run("tcp", "127.0.0.1\n" + port + "\nhello", tcpTo("127.0.0.1", port, false)));
    CallResult r =
        probe.call(
            "run",
            List.of(new StringValue("tcp"), new StringValue("127.0.0.1\n" + port + "\nx")),
            Capabilities.none().withNetwork(tcpTo("127.0.0.1", port, false)));
    assertEquals(
        List.of(
            "socket denied: tcp://127.0.0.1:"
                + port
                + " is 127.0.0.1, a loopback address, "
                + "which the policy does not explicitly allow"),
        r.notices());
  }

  @Test
  void metadataAddressIsDeniedEvenIfThePolicyAllowsItsHost() throws Exception {
    assertEquals(
        "err: connect: error-code 1",
        run("tcp", "169.254.169.254\n80\nx", tcpTo("169.254.169.254", 80, true)));
  }

  @Test
  void lookupNeedsPermission() throws Exception {
    assertEquals("err: resolve: error-code 1", run("lookup", "localhost", NetworkAccess.none()));
    String addresses = run("lookup", "localhost", tcpTo("localhost", 1, true));
    assertEquals(true, addresses.startsWith("ok: ") && addresses.contains("127.0.0.1"), addresses);
  }

  @Test
  void udpIsRefusedEvenWhenThePolicyAllowsEverything() throws Exception {
    NetworkAccess everything =
        new NetworkAccess() {
          @Override
          public boolean allows(Endpoint e) {
            return true;
          }

          @Override
          public boolean allowsRestricted(
              Endpoint endpoint, InetAddress address, AddressClass addressClass) {
            return true;
          }
        };
    CallResult r =
        probe.call(
            "run",
            List.of(new StringValue("udp"), new StringValue("")),
            Capabilities.none().withNetwork(everything));
    ResultValue v = (ResultValue) r.value().orElseThrow();
    // error-code access-denied is case 1
    assertEquals(
        "create-udp-socket: error-code 1", ((StringValue) v.payload().orElseThrow()).value());
    assertEquals(List.of("udp socket denied: UDP is not offered to guests"), r.notices());
  }
}
