package dev.corral.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A client for one registry speaking the OCI distribution API over {@link HttpClient}. Every
 * manifest and blob it returns has been hashed and compared with the digest asked for; it never
 * trusts the registry's digest headers. Authentication: HTTP Basic and the bearer token challenge
 * flow, with credentials from {@link RegistrySettings#credentials()}.
 */
public final class RegistryClient {
  private static final Logger log = LoggerFactory.getLogger(RegistryClient.class);

  /** Manifests and signature documents are small; refuse anything larger. */
  static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

  private static final String MANIFEST_ACCEPT =
      String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST);
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final String registry;
  private final URI base;
  private final RegistrySettings settings;
  private final HttpClient http;

  /** Authorization header per scope, once a challenge has been answered. */
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  /**
   * A fetched manifest: its exact bytes, the media type the registry declared, and its verified
   * digest.
   */
  public record FetchedManifest(byte[] bytes, String mediaType, Digest digest) {}

  public RegistryClient(String registry, RegistrySettings settings) {
    this.registry = registry;
    this.settings = settings;
    this.base = URI.create(settings.scheme(registry) + "://" + registry);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .sslContext(settings.sslContext())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public String registry() {
    return registry;
  }

  /**
   * Fetches a manifest by tag or digest. By digest, the bytes must hash to it; by tag, the digest
   * is computed from the bytes and must equal the registry's Docker-Content-Digest header when one
   * is sent.
   */
  public FetchedManifest fetchManifest(String repository, String reference) throws OciException {
    return fetchManifestIfPresent(repository, reference)
        .orElseThrow(
            () ->
                new OciException(
                    "manifest not found: "
                        + registry
                        + "/"
                        + repository
                        + (reference.contains(":") ? "@" : ":")
                        + reference));
  }

  /** As {@link #fetchManifest} but empty on 404. */
  public Optional<FetchedManifest> fetchManifestIfPresent(String repository, String reference)
      throws OciException {
    String where = registry + "/" + repository + (reference.contains(":") ? "@" : ":") + reference;
    HttpResponse<InputStream> response =
        send(
            repository,
            false,
            get("/v2/" + repository + "/manifests/" + reference).header("Accept", MANIFEST_ACCEPT));
    if (response.statusCode() == 404) {
      drain(response);
      return Optional.empty();
    }
    expect(response, 200, "GET manifest " + where);
    byte[] bytes = readLimited(response, "manifest " + where);
    Digest actual = Digest.sha256(bytes);
    if (reference.contains(":")) {
      Digest asked = Digest.parse(reference);
      if (!asked.matches(bytes)) {
        throw new VerificationException(
            "manifest "
                + where
                + " does not match its digest: content hashes to "
                + actual
                + " (tampered or corrupted in the registry or in transit)");
      }
      actual = asked;
    } else {
      Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
      if (header.isPresent() && !header.get().equals(actual.toString())) {
        throw new VerificationException(
            "manifest "
                + where
                + ": the registry says its digest is "
                + header.get()
                + " but the content hashes to "
                + actual
                + " (tampered or corrupted in the registry or in transit)");
      }
    }
    String mediaType = response.headers().firstValue("Content-Type").orElse("");
    return Optional.of(new FetchedManifest(bytes, mediaType, actual));
  }

  /**
   * Streams a blob into {@code target} (created or truncated), hashing as it goes. Throws {@link
   * VerificationException} if the length or digest differ from {@code descriptor}; the caller must
   * then discard {@code target}.
   */
  public void fetchBlob(String repository, Descriptor descriptor, Path target) throws OciException {
    String where = registry + "/" + repository + "@" + descriptor.digest();
    HttpResponse<InputStream> response =
        send(repository, false, get("/v2/" + repository + "/blobs/" + descriptor.digest()));
    expect(response, 200, "GET blob " + where);
    MessageDigest hasher = descriptor.digest().newHasher();
    long total =
        BodyCopy.copy(
            response.body(),
            target,
            settings.timeout(),
            "blob " + where,
            (buffer, n, sofar) -> {
              if (sofar > descriptor.size()) {
                throw new VerificationException(
                    "blob "
                        + where
                        + " is longer than the "
                        + descriptor.size()
                        + " bytes its descriptor declares");
              }
              hasher.update(buffer, 0, n);
            });
    if (total != descriptor.size()) {
      throw new VerificationException(
          "blob "
              + where
              + " has "
              + total
              + " bytes, its descriptor declares "
              + descriptor.size());
    }
    if (!descriptor.digest().matches(hasher)) {
      throw new VerificationException(
          "blob "
              + where
              + " does not match its digest "
              + "(tampered or corrupted in the registry or in transit)");
    }
  }

  /** Fetches a small blob (signature payloads, bundles, configs) into memory and verifies it. */
  public byte[] fetchSmallBlob(String repository, Descriptor descriptor) throws OciException {
    String where = registry + "/" + repository + "@" + descriptor.digest();
    if (descriptor.size() > MAX_DOCUMENT_BYTES) {
      throw new OciException(
          "blob "
              + where
              + " declares "
              + descriptor.size()
              + " bytes, more than the "
              + MAX_DOCUMENT_BYTES
              + " allowed for a document");
    }
    HttpResponse<InputStream> response =
        send(repository, false, get("/v2/" + repository + "/blobs/" + descriptor.digest()));
    expect(response, 200, "GET blob " + where);
    byte[] bytes = readLimited(response, "blob " + where);
    if (bytes.length != descriptor.size() || !descriptor.digest().matches(bytes)) {
      throw new VerificationException(
          "blob "
              + where
              + " does not match its descriptor (size "
              + descriptor.size()
              + ", digest "
              + descriptor.digest()
              + "): got "
              + bytes.length
              + " bytes hashing to "
              + Digest.sha256(bytes));
    }
    return bytes;
  }

  /**
   * Lists referrers of {@code digest} through the referrers API; empty if the registry does not
   * implement it (then callers use the {@code sha256-<hex>} fallback tag).
   */
  public Optional<ImageIndex> referrers(String repository, Digest digest) throws OciException {
    HttpResponse<InputStream> response =
        send(
            repository,
            false,
            get("/v2/" + repository + "/referrers/" + digest)
                .header("Accept", MediaTypes.OCI_INDEX));
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (response.statusCode() != 200 || !type.startsWith(MediaTypes.OCI_INDEX)) {
      drain(response);
      return Optional.empty();
    }
    return Optional.of(
        ImageIndex.parse(
            readLimited(response, "referrers of " + digest), "referrers of " + digest));
  }

  /** Uploads a blob (monolithic POST + PUT) unless the registry already has it. */
  public void pushBlob(String repository, Digest digest, HttpRequest.BodyPublisher body)
      throws OciException {
    HttpResponse<InputStream> head =
        send(
            repository,
            true,
            request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    drain(head);
    if (head.statusCode() == 200) {
      return;
    }
    HttpResponse<InputStream> start =
        send(
            repository,
            true,
            request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()));
    expect(start, 202, "start upload to " + registry + "/" + repository);
    drain(start);
    String location =
        start
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () -> new OciException("registry " + registry + " sent no upload Location"));
    URI upload = ServerUrls.resolve(base, location, "upload Location from registry " + registry);
    if (ServerUrls.isHttps(base) && !ServerUrls.isHttps(upload)) {
      throw new OciException(
          "registry " + registry + " sent an upload Location over plain HTTP: " + upload);
    }
    String sep = upload.getRawQuery() == null ? "?" : "&";
    URI put =
        URI.create(
            upload
                + sep
                + "digest="
                + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
    HttpResponse<InputStream> done =
        send(
            repository,
            true,
            HttpRequest.newBuilder(put)
                .timeout(settings.timeout())
                .header("Content-Type", "application/octet-stream")
                .PUT(body));
    expect(done, 201, "upload blob " + digest + " to " + registry + "/" + repository);
    drain(done);
  }

  public void pushBlob(String repository, byte[] content) throws OciException {
    pushBlob(repository, Digest.sha256(content), HttpRequest.BodyPublishers.ofByteArray(content));
  }

  /** Puts a manifest under a tag or its digest; returns the digest of the exact bytes pushed. */
  public Digest pushManifest(String repository, String reference, byte[] bytes, String mediaType)
      throws OciException {
    HttpResponse<InputStream> response =
        send(
            repository,
            true,
            request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    expect(response, 201, "PUT manifest " + registry + "/" + repository + ":" + reference);
    drain(response);
    return Digest.sha256(bytes);
  }

  // --- HTTP plumbing -------------------------------------------------------------------

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(settings.timeout());
  }

  private HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  /**
   * Sends with the cached authorization for the scope, answers one 401 challenge, follows
   * redirects.
   */
  private HttpResponse<InputStream> send(
      String repository, boolean push, HttpRequest.Builder builder) throws OciException {
    String scope = "repository:" + repository + ":" + (push ? "pull,push" : "pull");
    String auth = authorizations.get(scope);
    HttpResponse<InputStream> response =
        exchange(auth == null ? builder.copy() : builder.copy().header("Authorization", auth));
    if (response.statusCode() == 401) {
      String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
      drain(response);
      auth = answer(challenge, scope);
      authorizations.put(scope, auth);
      response = exchange(builder.copy().header("Authorization", auth));
      if (response.statusCode() == 401) {
        drain(response);
        throw new OciException(
            "registry "
                + registry
                + " refused the credentials for "
                + scope
                + " (HTTP 401); check "
                + CredentialStore.USERNAME_VARIABLE
                + "/"
                + CredentialStore.PASSWORD_VARIABLE
                + ", "
                + CredentialStore.TOKEN_VARIABLE
                + " or the Docker config");
      }
    }
    for (int hops = 0; hops < 5 && ServerUrls.isRedirect(response.statusCode()); hops++) {
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(() -> new OciException("redirect without Location from " + registry));
      drain(response);
      URI target =
          ServerUrls.resolve(
              response.uri(), location, "redirect Location from registry " + registry);
      if (ServerUrls.isHttps(base) && !ServerUrls.isHttps(target)) {
        throw new OciException("registry " + registry + " redirected to non-HTTPS " + target);
      }
      // Redirect targets (blob storage) get no registry credentials.
      response = exchange(HttpRequest.newBuilder(target).timeout(settings.timeout()).GET());
    }
    return response;
  }

  private HttpResponse<InputStream> exchange(HttpRequest.Builder builder) throws OciException {
    HttpRequest request = builder.build();
    try {
      log.debug("{} {}", request.method(), request.uri());
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw new OciException(
          "registry " + registry + " is unreachable (" + request.uri() + "): connection refused",
          e);
    } catch (HttpTimeoutException e) {
      throw new OciException("registry " + registry + " timed out (" + request.uri() + ")", e);
    } catch (IOException e) {
      throw new OciException(
          "registry "
              + registry
              + " request "
              + request.method()
              + " "
              + request.uri()
              + " failed: "
              + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while talking to registry " + registry, e);
    }
  }

  private String answer(String challenge, String scope) throws OciException {
    Credentials credentials = settings.credentials().credentialsFor(registry);
    String lower = challenge.toLowerCase(Locale.ROOT);
    if (lower.startsWith("basic")) {
      if (credentials instanceof Credentials.Basic(String user, String password)) {
        return basic(user, password);
      }
      throw new OciException(
          "registry "
              + registry
              + " requires authentication (HTTP Basic) and no user name and "
              + "password are configured; set "
              + CredentialStore.USERNAME_VARIABLE
              + " and "
              + CredentialStore.PASSWORD_VARIABLE
              + " or log in with docker/podman");
    }
    if (!lower.startsWith("bearer")) {
      throw new OciException(
          "registry " + registry + " asks for unsupported authentication: '" + challenge + "'");
    }
    if (credentials instanceof Credentials.Token(String token)) {
      return bearer(token, CredentialStore.TOKEN_VARIABLE + " (the configured registry token)");
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new OciException(
          "registry " + registry + " sent a bearer challenge without realm: '" + challenge + "'");
    }
    ServerUrls.absolute(realm, "bearer realm of registry " + registry);
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.containsKey("service")) {
      url.append("service=")
          .append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8))
          .append('&');
    }
    url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    URI tokenUri = ServerUrls.absolute(url.toString(), "bearer realm of registry " + registry);
    if (!ServerUrls.isHttps(tokenUri) && ServerUrls.isHttps(base)) {
      throw new OciException(
          "registry " + registry + " sends its token realm over plain HTTP: " + realm);
    }
    HttpRequest.Builder tokenRequest =
        HttpRequest.newBuilder(tokenUri).timeout(settings.timeout()).GET();
    if (credentials instanceof Credentials.Basic(String user, String password)) {
      tokenRequest.header("Authorization", basic(user, password));
    }
    HttpResponse<InputStream> response = exchange(tokenRequest);
    if (response.statusCode() != 200) {
      drain(response);
      throw new OciException(
          "token service "
              + realm
              + " refused "
              + scope
              + " for "
              + registry
              + " (HTTP "
              + response.statusCode()
              + ")"
              + (credentials instanceof Credentials.Anonymous
                  ? "; no credentials are configured"
                  : ""));
    }
    JsonNode body =
        Json.parse(
            readLimited(response, "token response from " + realm), "token response from " + realm);
    String token = body.path("token").asString("");
    if (token.isEmpty()) {
      token = body.path("access_token").asString("");
    }
    if (token.isEmpty()) {
      throw new OciException("token service " + realm + " returned no token");
    }
    return bearer(token, "the token from " + realm);
  }

  /**
   * A header-safe {@code Bearer} value: a token with a line break or other control character is
   * refused.
   */
  private static String bearer(String token, String what) throws OciException {
    if (!TOKEN.matcher(token).matches()) {
      throw new OciException(what + " is not a valid bearer token (visible ASCII characters only)");
    }
    return "Bearer " + token;
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private void expect(HttpResponse<InputStream> response, int status, String what)
      throws OciException {
    if (response.statusCode() != status) {
      String detail;
      try (InputStream in = response.body()) {
        detail = new String(in.readNBytes(512), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        detail = "";
      }
      throw new OciException(
          what + " failed: HTTP " + response.statusCode() + (detail.isEmpty() ? "" : " " + detail));
    }
  }

  private byte[] readLimited(HttpResponse<InputStream> response, String what) throws OciException {
    InputStream body = response.body();
    StallGuard guard = new StallGuard(body, settings.timeout());
    try (guard;
        InputStream in = body) {
      byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
      if (guard.stalled()) {
        throw new IOException("stalled");
      }
      if (bytes.length > MAX_DOCUMENT_BYTES) {
        throw new OciException(what + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new OciException("reading " + what + " failed: " + guard.reason(e), e);
    }
  }

  private static void drain(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.skip(Long.MAX_VALUE);
    } catch (IOException ignored) {
      // the connection is discarded; nothing to clean up
    }
  }
}
