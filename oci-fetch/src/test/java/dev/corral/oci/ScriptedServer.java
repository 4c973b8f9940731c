package dev.corral.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real HTTP or HTTPS server on 127.0.0.1 whose answers a test scripts: a registry or web server
 * that misbehaves on purpose (bad URLs in headers, bodies that stall or never end). The HTTPS
 * variant presents a self-signed certificate for 127.0.0.1 generated here; {@link #clientContext()}
 * trusts exactly that certificate.
 */
final class ScriptedServer implements AutoCloseable {
  /**
   * One answer.
   *
   * @param status HTTP status
   * @param headers response headers
   * @param body the body
   * @param declaredLength the Content-Length sent (0 for chunked)
   * @param stallAfter bytes of {@code body} sent before the server goes quiet (keeping the
   *     connection open); -1 for all
   */
  record Reply(
      int status, Map<String, String> headers, byte[] body, long declaredLength, long stallAfter) {
    static Reply of(int status, Map<String, String> headers, byte[] body) {
      return new Reply(status, headers, body, body.length, -1);
    }

    static Reply empty(int status, Map<String, String> headers) {
      return new Reply(status, headers, new byte[0], -1, -1);
    }
  }

  /** Decides the reply to a request. */
  @FunctionalInterface
  interface Script {
    Reply answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final SSLContext clientContext;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private ScriptedServer(HttpServer server, SSLContext clientContext, Script script) {
    this.server = server;
    this.clientContext = clientContext;
    server.createContext("/", exchange -> handle(exchange, script));
    server.setExecutor(executor);
    server.start();
  }

  static ScriptedServer http(Script script) throws IOException {
    return new ScriptedServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
        null,
        script);
  }

  static ScriptedServer https(Script script) throws Exception {
    KeyPair key = Keys.generate(Keys.KeyType.ECDSA_P256);
    X500Name name = new X500Name("CN=127.0.0.1");
    Instant now = Instant.now();
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .setProvider(Keys.BC)
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minusSeconds(3600)),
                        Date.from(now.plusSeconds(86400)),
                        name,
                        key.getPublic())
                    .addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA")
                            .setProvider(Keys.BC)
                            .build(key.getPrivate())));
    char[] password = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", key.getPrivate(), password, new X509Certificate[] {certificate});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", certificate);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, trustManagers.getTrustManagers(), null);

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    return new ScriptedServer(server, clientContext, script);
  }

  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code http(s)://127.0.0.1:PORT}. */
  String base() {
    return (server instanceof HttpsServer ? "https://" : "http://") + host();
  }

  /** An SSL context that trusts this server's certificate (HTTPS servers only). */
  SSLContext clientContext() {
    return clientContext;
  }

  /** The requests served so far, as {@code METHOD path?query}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange, Script script) throws IOException {
    try (exchange) {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      Reply reply = script.answer(exchange);
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status(), reply.declaredLength());
      if (reply.declaredLength() < 0) {
        return;
      }
      try (OutputStream out = exchange.getResponseBody()) {
        if (reply.stallAfter() < 0) {
          out.write(reply.body());
          return;
        }
        out.write(reply.body(), 0, (int) reply.stallAfter());
        out.flush();
        closed.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientWentAway) {
      // the client abandoned the response: what stall and size tests expect
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
