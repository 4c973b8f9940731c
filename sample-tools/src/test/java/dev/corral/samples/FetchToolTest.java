package dev.corral.samples;

import static dev.corral.samples.Values.err;
import static dev.corral.samples.Values.ok;
import static dev.corral.samples.Values.record;
import static dev.corral.samples.Values.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.AddressClass;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.capability.NetworkAccess;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.world.WorldItem;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript fetch tool on the WASI host against a local HTTP server, allowed and denied by the
 * network capability. Needs {@code sample-tools/build.sh} to have built it (see {@link
 * Samples#jsWasm}).
 */
class FetchToolTest {
  private static final String IFACE = "corral:fetch/http@0.1.0";
  private static final String PAGE =
      "<html><head><title>t</title><style>p { color: red }</style></head><body>"
          + "<h1>Hello &amp; welcome</h1><p>Some <b>bold</b> and <a href=\"/next?a=1&amp;b=2\">a link</a>.</p>"
          + "<ul><li>one</li><li>two</li></ul><pre>code\n  indented</pre><script>alert(1)</script></body></html>";
  private static CompiledComponent compiled;
  private static SandboxedComponent tool;
  private static HttpServer server;
  private static String base;

  private FetchToolTest() {}

  /** Per test, so that each one is reported skipped (or failed) when the tool is not built. */
  @BeforeEach
  void load() throws Exception {
    if (tool == null) {
      compiled = CompiledComponent.compile(Samples.jsWasm("fetch"));
      tool = SandboxedComponent.of(compiled);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String type =
              switch (path) {
                case "/page" -> "text/html; charset=utf-8";
                case "/data" -> "application/json";
                case "/image" -> "image/png";
                default -> "text/plain";
              };
          byte[] body =
              switch (path) {
                case "/page" -> PAGE.getBytes(StandardCharsets.UTF_8);
                case "/data" -> "{\"a\":[1,2],\"b\":\"ü\"}".getBytes(StandardCharsets.UTF_8);
                case "/image" -> new byte[] {(byte) 0x89, 'P', 'N', 'G'};
                default -> "not here".getBytes(StandardCharsets.UTF_8);
              };
          exchange.getResponseHeaders().set("content-type", type);
          exchange.sendResponseHeaders(path.equals("/missing") ? 404 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void exportsExactlyTheHttpInterfaceAndImportsTheOutgoingHandler() throws Exception {
    ResultType text = new ResultType(Optional.of(Primitive.STRING), Optional.of(Primitive.STRING));
    RecordType response =
        new RecordType(
            List.of(
                new Field("status", Primitive.U16),
                new Field("content-type", Primitive.STRING),
                new Field("body", Primitive.STRING)));
    Field url = new Field("url", Primitive.STRING);
    assertEquals(
        List.of(
            new ExportedFunction(
                Optional.of(IFACE), "fetch", new FuncType(List.of(url), Optional.of(text))),
            new ExportedFunction(
                Optional.of(IFACE),
                "fetch-raw",
                new FuncType(
                    List.of(url),
                    Optional.of(
                        new ResultType(Optional.of(response), Optional.of(Primitive.STRING)))))),
        compiled.exports());
    List<String> imports = compiled.world().imports().stream().map(WorldItem::name).toList();
    assertEquals(
        List.of(
            "wasi:io/poll@0.2.12",
            "wasi:clocks/monotonic-clock@0.2.12",
            "wasi:io/error@0.2.12",
            "wasi:io/streams@0.2.12",
            "wasi:http/types@0.2.10",
            "wasi:http/outgoing-handler@0.2.10",
            "wasi:cli/stderr@0.2.12",
            "wasi:clocks/wall-clock@0.2.12",
            "wasi:random/random@0.2.12"),
        imports);
  }

  @Test
  void htmlBecomesMarkdownWithResolvedLinks() throws Exception {
    assertEquals(
        ok(
            str(
                "# Hello & welcome\n\nSome **bold** and [a link]("
                    + base
                    + "/next?a=1&b=2).\n\n"
                    + "- one\n- two\n\n```\ncode\n  indented\n```\n")),
        call(loopbackAllowed(), "fetch", base + "/page"));
  }

  @Test
  void jsonIsPrettyPrintedAndErrorsAreExplained() throws Exception {
    Capabilities allowed = loopbackAllowed();
    assertEquals(
        ok(str("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": \"ü\"\n}\n")),
        call(allowed, "fetch", base + "/data"));
    assertEquals(
        err("GET " + base + "/missing returned HTTP status 404"),
        call(allowed, "fetch", base + "/missing"));
    assertEquals(
        err("GET " + base + "/image returned image/png, which is not text"),
        call(allowed, "fetch", base + "/image"));
    assertEquals(err("\"not a url\" is not a valid URL"), call(allowed, "fetch", "not a url"));
  }

  @Test
  void fetchRawReturnsStatusTypeAndBodyWhateverTheStatus() throws Exception {
    assertEquals(
        ok(record(new IntValue(Primitive.U16, 404), str("text/plain"), str("not here"))),
        call(loopbackAllowed(), "fetch-raw", base + "/missing"));
    assertEquals(
        ok(record(new IntValue(Primitive.U16, 200), str("image/png"), str("\uFFFDPNG"))),
        call(loopbackAllowed(), "fetch-raw", base + "/image"));
  }

  @Test
  void aHostThePolicyDoesNotGrantIsRefused() throws Exception {
    CallResult result =
        tool.call(IFACE + "#fetch", List.of(str(base + "/page")), Capabilities.none());
    assertEquals(
        err(
            "cannot fetch "
                + base
                + "/page: fetch_https: An error occurred while using the host API. (the"
                + " host may not be granted by the tool's policy, permissions.network.allow)"),
        result.value().orElseThrow());
    assertEquals(1, result.notices().size(), result.notices().toString());
    assertTrue(result.notices().get(0).contains("127.0.0.1"), result.notices().toString());
  }

  @Test
  void aGrantedNameThatResolvesToLoopbackIsRefusedUnlessLoopbackIsAllowed() throws Exception {
    Capabilities nameOnly =
        Capabilities.none().withNetwork(endpoint -> endpoint.host().equals("127.0.0.1"));
    CallResult result = tool.call(IFACE + "#fetch", List.of(str(base + "/page")), nameOnly);
    assertEquals(
        err(
            "cannot fetch "
                + base
                + "/page: NetworkError when attempting to fetch resource (the host may"
                + " not be granted by the tool's policy, permissions.network.allow)"),
        result.value().orElseThrow());
    assertEquals(
        List.of(
            "http request denied: "
                + base
                + " resolves to 127.0.0.1, a loopback address, which the"
                + " policy does not explicitly allow"),
        result.notices());
  }

  private static Capabilities loopbackAllowed() {
    return Capabilities.none()
        .withNetwork(
            new NetworkAccess() {
              @Override
              public boolean allows(Endpoint endpoint) {
                return endpoint.scheme().equals("http") && endpoint.host().equals("127.0.0.1");
              }

              @Override
              public boolean allowsRestricted(
                  Endpoint endpoint, InetAddress address, AddressClass addressClass) {
                return addressClass == AddressClass.LOOPBACK;
              }
            });
  }

  private static Value call(Capabilities capabilities, String function, String url)
      throws Exception {
    return tool.call(IFACE + "#" + function, List.of(str(url)), capabilities).value().orElseThrow();
  }
}
