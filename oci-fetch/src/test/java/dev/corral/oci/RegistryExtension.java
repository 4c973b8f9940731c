package dev.corral.oci;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1 at a free port with a
 * temporary config and storage directory, for the tests of one class. Optionally requires HTTP
 * Basic authentication through an htpasswd file (bcrypt, written here with Bouncy Castle).
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback {
  static final String USER = "corral";
  static final String PASSWORD = "s3cret-for-tests";

  private enum Auth {
    NONE,
    HTPASSWD,
    TOKEN
  }

  private final Auth auth;
  private TokenServer tokenServer;
  private Path dir;
  private int port;
  private Process process;

  private RegistryExtension(Auth auth) {
    this.auth = auth;
  }

  /** A registry that needs no credentials. */
  public static RegistryExtension anonymous() {
    return new RegistryExtension(Auth.NONE);
  }

  static RegistryExtension withHtpasswd() {
    return new RegistryExtension(Auth.HTPASSWD);
  }

  /** Bearer token authentication through a {@link TokenServer} started alongside. */
  static RegistryExtension withTokenServer() {
    return new RegistryExtension(Auth.TOKEN);
  }

  TokenServer tokenServer() {
    return tokenServer;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("corral-registry-");
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    StringBuilder config = new StringBuilder();
    config
        .append("version: 0.1\n")
        .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
        .append("storage:\n  filesystem:\n    rootdirectory: ")
        .append(storage())
        .append('\n')
        .append("  delete:\n    enabled: true\n")
        .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
        .append("http:\n  addr: 127.0.0.1:")
        .append(port)
        .append('\n')
        .append("  secret: ")
        .append(HexFormat.of().formatHex(random(16)))
        .append('\n');
    if (auth == Auth.TOKEN) {
      tokenServer = new TokenServer();
      Path bundle = dir.resolve("token-root.pem");
      Files.writeString(bundle, tokenServer.certificatePem(), StandardCharsets.US_ASCII);
      config
          .append("auth:\n  token:\n    realm: ")
          .append(tokenServer.realm())
          .append('\n')
          .append("    service: ")
          .append(TokenServer.SERVICE)
          .append('\n')
          .append("    issuer: ")
          .append(TokenServer.ISSUER)
          .append('\n')
          .append("    rootcertbundle: ")
          .append(bundle)
          .append('\n');
    }
    if (auth == Auth.HTPASSWD) {
      Path htpasswd = dir.resolve("htpasswd");
      String hash = OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), random(16), 6);
      Files.writeString(htpasswd, USER + ":" + hash + "\n", StandardCharsets.UTF_8);
      config
          .append("auth:\n  htpasswd:\n    realm: corral-test\n    path: ")
          .append(htpasswd)
          .append('\n');
    }
    Files.writeString(dir.resolve("config.yml"), config, StandardCharsets.UTF_8);
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
    if (tokenServer != null) {
      tokenServer.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Starts (or restarts) the registry and waits until {@code /v2/} answers. */
  void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(binary(), "serve", dir.resolve("config.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "docker-registry exited with "
                + process.exitValue()
                + ":\n"
                + Files.readString(dir.resolve("registry.log")));
      }
      try {
        int status =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).GET().build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200 || status == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException(
            "docker-registry did not answer on "
                + host()
                + ":\n"
                + Files.readString(dir.resolve("registry.log")));
      }
      Thread.sleep(100);
    }
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** {@code 127.0.0.1:PORT}. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  Path storage() {
    return dir.resolve("storage");
  }

  /** The registry's file for a blob or manifest with this digest. */
  Path blobData(Digest digest) {
    return storage()
        .resolve("docker/registry/v2/blobs/sha256")
        .resolve(digest.hex().substring(0, 2))
        .resolve(digest.hex())
        .resolve("data");
  }

  RegistrySettings settings(CredentialStore credentials) {
    return new RegistrySettings(Set.of(host()), credentials, Duration.ofSeconds(30));
  }

  RegistrySettings settings() {
    return settings(
        auth != Auth.NONE
            ? CredentialStore.fixed(new Credentials.Basic(USER, PASSWORD))
            : CredentialStore.anonymous());
  }

  private static String binary() {
    Path debian = Path.of("/usr/bin/docker-registry");
    return Files.isExecutable(debian) ? debian.toString() : "docker-registry";
  }

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
