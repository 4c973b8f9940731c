package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A registry whose answers are wrong on purpose: each bad URL or token it hands out becomes an
 * {@link OciException} naming it, and nothing is sent to it.
 */
class HostileRegistryTest {
  private static RegistryClient client(ScriptedServer server) {
    return new RegistryClient(
        server.host(),
        new RegistrySettings(
            Set.of(server.host()), CredentialStore.anonymous(), Duration.ofSeconds(10)));
  }

  private static ScriptedServer challenging(String challenge) throws Exception {
    return ScriptedServer.http(
        exchange -> ScriptedServer.Reply.empty(401, Map.of("WWW-Authenticate", challenge)));
  }

  @Test
  void relativeBearerRealmIsRefused() throws Exception {
    try (ScriptedServer server = challenging("Bearer realm=\"/token\",service=\"s\"")) {
      OciException e =
          assertThrows(OciException.class, () -> client(server).fetchManifest("tools/x", "1"));
      assertEquals(
          "bearer realm of registry " + server.host() + " is not an absolute http(s) URL: '/token'",
          e.getMessage());
    }
  }

  @Test
  void malformedBearerRealmIsRefused() throws Exception {
    try (ScriptedServer server = challenging("Bearer realm=\"http://to ken/\",service=\"s\"")) {
      OciException e =
          assertThrows(OciException.class, () -> client(server).fetchManifest("tools/x", "1"));
      assertEquals(
          "bearer realm of registry "
              + server.host()
              + " is not a valid URL: 'http://to ken/' "
              + "(Illegal character in authority)",
          e.getMessage());
    }
  }

  @Test
  void bearerRealmWithoutHostIsRefused() throws Exception {
    try (ScriptedServer server = challenging("Bearer realm=\"file:///etc/passwd\"")) {
      OciException e =
          assertThrows(OciException.class, () -> client(server).fetchManifest("tools/x", "1"));
      assertEquals(
          "bearer realm of registry "
              + server.host()
              + " is not an http(s) URL with a host: "
              + "'file:///etc/passwd'",
          e.getMessage());
    }
  }

  @Test
  void tokenThatIsNotAHeaderValueIsRefused() throws Exception {
    String[] realm = new String[1];
    try (ScriptedServer server =
        ScriptedServer.http(
            exchange ->
                exchange.getRequestURI().getPath().equals("/token")
                    ? ScriptedServer.Reply.of(
                        200,
                        Map.of("Content-Type", "application/json"),
                        "{\"token\":\"abc\\r\\nX-Injected: 1\"}".getBytes(StandardCharsets.UTF_8))
                    : ScriptedServer.Reply.empty(
                        401, Map.of("WWW-Authenticate", "Bearer realm=\"" + realm[0] + "\"")))) {
      realm[0] = server.base() + "/token";
      OciException e =
          assertThrows(OciException.class, () -> client(server).fetchManifest("tools/x", "1"));
      assertEquals(
          "the token from "
              + realm[0]
              + " is not a valid bearer token (visible ASCII characters only)",
          e.getMessage());
      assertEquals(
          List.of("GET /v2/tools/x/manifests/1", "GET /token?scope=repository%3Atools%2Fx%3Apull"),
          server.requests());
    }
  }

  @Test
  void configuredTokenThatIsNotAHeaderValueIsRefused() throws Exception {
    try (ScriptedServer server = challenging("Bearer realm=\"http://127.0.0.1:1/token\"")) {
      RegistryClient client =
          new RegistryClient(
              server.host(),
              new RegistrySettings(
                  Set.of(server.host()),
                  CredentialStore.fixed(new Credentials.Token("a\nb")),
                  Duration.ofSeconds(10)));
      OciException e = assertThrows(OciException.class, () -> client.fetchManifest("tools/x", "1"));
      assertEquals(
          "CORRAL_REGISTRY_TOKEN (the configured registry token) is not a valid bearer token "
              + "(visible ASCII characters only)",
          e.getMessage());
    }
  }

  @Test
  void malformedRedirectLocationIsRefused() throws Exception {
    try (ScriptedServer server =
        ScriptedServer.http(
            exchange ->
                ScriptedServer.Reply.empty(307, Map.of("Location", "http://[blob-store/x")))) {
      OciException e =
          assertThrows(OciException.class, () -> client(server).fetchManifest("tools/x", "1"));
      assertEquals(
          "redirect Location from registry "
              + server.host()
              + " is not a valid URL: "
              + "'http://[blob-store/x' (Expected closing bracket for IPv6 address)",
          e.getMessage());
    }
  }

  @Test
  void redirectToAnotherSchemeIsRefused() throws Exception {
    try (ScriptedServer server =
        ScriptedServer.http(
            exchange ->
                ScriptedServer.Reply.empty(302, Map.of("Location", "ftp://blobs.example/x")))) {
      OciException e =
          assertThrows(OciException.class, () -> client(server).fetchManifest("tools/x", "1"));
      assertEquals(
          "redirect Location from registry "
              + server.host()
              + " is not an http(s) URL with a host: "
              + "'ftp://blobs.example/x'",
          e.getMessage());
    }
  }

  @Test
  void relativeRedirectIsFollowedOnTheSameServer() throws Exception {
    byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    try (ScriptedServer server =
        ScriptedServer.http(
            exchange ->
                exchange.getRequestURI().getPath().equals("/blobs/m")
                    ? ScriptedServer.Reply.of(
                        200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), manifest)
                    : ScriptedServer.Reply.empty(307, Map.of("Location", "/blobs/m")))) {
      RegistryClient.FetchedManifest fetched = client(server).fetchManifest("tools/x", "1");
      assertEquals(Digest.sha256(manifest), fetched.digest());
      assertEquals(List.of("GET /v2/tools/x/manifests/1", "GET /blobs/m"), server.requests());
    }
  }

  @Test
  void malformedUploadLocationIsRefused() throws Exception {
    try (ScriptedServer server =
        ScriptedServer.http(
            exchange ->
                exchange.getRequestMethod().equals("HEAD")
                    ? ScriptedServer.Reply.empty(404, Map.of())
                    : ScriptedServer.Reply.empty(202, Map.of("Location", "http://up load/x")))) {
      OciException e =
          assertThrows(
              OciException.class, () -> client(server).pushBlob("tools/x", new byte[] {1, 2, 3}));
      assertEquals(
          "upload Location from registry "
              + server.host()
              + " is not a valid URL: 'http://up load/x' "
              + "(Illegal character in authority)",
          e.getMessage());
      assertEquals(
          List.of(
              "HEAD /v2/tools/x/blobs/" + Digest.sha256(new byte[] {1, 2, 3}),
              "POST /v2/tools/x/blobs/uploads/"),
          server.requests());
    }
  }
}
