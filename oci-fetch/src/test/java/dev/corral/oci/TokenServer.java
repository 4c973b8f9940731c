package dev.corral.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.encoders.Base32;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal Docker token service for distribution's {@code auth.token} mode: checks HTTP Basic
 * credentials and returns an ES256 JWT granting the requested repository scope, signed with a key
 * whose self-signed certificate is the registry's {@code rootcertbundle}. The JWT names the key by
 * its libtrust key ID ({@code kid}), which is how distribution 2.8 finds trusted keys.
 */
final class TokenServer implements AutoCloseable {
  static final String SERVICE = "corral-test-registry";
  static final String ISSUER = "corral-test-issuer";

  private final KeyPair key = Keys.generate(Keys.KeyType.ECDSA_P256);
  private final String certificatePem;
  private final HttpServer server;
  private final List<String> grantedScopes = new CopyOnWriteArrayList<>();

  TokenServer() throws Exception {
    X500Name name = new X500Name("CN=" + ISSUER);
    Instant now = Instant.now();
    X509CertificateHolder cert =
        new JcaX509v3CertificateBuilder(
                name,
                BigInteger.ONE,
                Date.from(now.minusSeconds(3600)),
                Date.from(now.plusSeconds(86400)),
                name,
                key.getPublic())
            .build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(Keys.BC)
                    .build(key.getPrivate()));
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(cert);
    }
    certificatePem = pem.toString();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  String certificatePem() {
    return certificatePem;
  }

  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  List<String> grantedScopes() {
    return List.copyOf(grantedScopes);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (RegistryExtension.USER + ":" + RegistryExtension.PASSWORD)
                          .getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String scope = "";
      String query = exchange.getRequestURI().getRawQuery();
      for (String param : query == null ? new String[0] : query.split("&")) {
        if (param.startsWith("scope=")) {
          scope = URLDecoder.decode(param.substring("scope=".length()), StandardCharsets.UTF_8);
        }
      }
      String[] parts = scope.split(":");
      if (parts.length != 3 || !parts[0].equals("repository")) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      grantedScopes.add(scope);
      ObjectNode body = Json.object();
      String token = jwt(parts[1], parts[2].split(","));
      body.put("token", token);
      body.put("expires_in", 300);
      byte[] bytes = Json.bytes(body);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private String jwt(String repository, String[] actions) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    ObjectNode header = Json.object();
    header.put("typ", "JWT");
    header.put("alg", "ES256");
    header.put("kid", libtrustKeyId());
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = Json.object();
    claims.put("iss", ISSUER);
    claims.put("sub", RegistryExtension.USER);
    claims.put("aud", SERVICE);
    claims.put("exp", now + 300);
    claims.put("nbf", now - 60);
    claims.put("iat", now);
    claims.put("jti", Long.toHexString(System.nanoTime()));
    ObjectNode access = claims.putArray("access").addObject();
    access.put("type", "repository");
    access.put("name", repository);
    var list = access.putArray("actions");
    Arrays.stream(actions).forEach(list::add);
    String signingInput =
        b64.encodeToString(Json.bytes(header)) + "." + b64.encodeToString(Json.bytes(claims));
    Signature signature = Signature.getInstance("SHA256withPLAIN-ECDSA", Keys.BC);
    signature.initSign(key.getPrivate());
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(signature.sign());
  }

  /**
   * libtrust's key ID: base32 of the first 30 bytes of SHA-256(SPKI), in colon-separated groups of
   * 4.
   */
  private String libtrustKeyId() {
    byte[] hash =
        Arrays.copyOf(
            java.util.HexFormat.of().parseHex(Digest.sha256(key.getPublic().getEncoded()).hex()),
            30);
    String encoded = Base32.toBase32String(hash).replace("=", "");
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < encoded.length(); i += 4) {
      if (i > 0) {
        id.append(':');
      }
      id.append(encoded, i, Math.min(i + 4, encoded.length()));
    }
    return id.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
