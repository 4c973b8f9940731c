package dev.corral.sandbox.wasi;

import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.error.ComponentTrap;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the guest's HTTP requests with {@code java.net.http}, after the policy and the address
 * rules allowed them. Redirects are never followed by the host: a guest following one sends a new
 * request, checked again.
 */
final class HttpGateway {
  private static final Logger log = LoggerFactory.getLogger(HttpGateway.class);

  /** Headers java.net.http sets itself and refuses from callers. */
  private static final Set<String> HOST_SET_HEADERS =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "keep-alive",
          "transfer-encoding");

  private final WasiContext ctx;
  private final BodyBudget bodies;
  private HttpClient client;

  HttpGateway(WasiContext ctx, BodyBudget bodies) {
    this.ctx = ctx;
    this.bodies = bodies;
  }

  /** Why a request is refused: an error-code case for the guest, a message for the user. */
  record Denial(HttpErrorCode errorCase, String message) {}

  /** A request's target, parsed. */
  record Target(String scheme, String host, int port, URI uri) {}

  static Target target(HttpMessages.OutgoingRequest request) throws URISyntaxException {
    String scheme = request.scheme == null ? "https" : request.scheme.toLowerCase(Locale.ROOT);
    if (request.authority == null || request.authority.isEmpty()) {
      throw new URISyntaxException("", "the request has no authority");
    }
    String path = request.pathWithQuery == null ? "/" : request.pathWithQuery;
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    URI uri = new URI(scheme + "://" + request.authority + path);
    if (uri.getHost() == null || uri.getUserInfo() != null) {
      throw new URISyntaxException(uri.toString(), "invalid authority");
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
    if (port == 0 || port > 65535) {
      throw new URISyntaxException(uri.toString(), "port " + port + " is out of range");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Target(scheme, host.toLowerCase(Locale.ROOT), port, uri);
  }

  /** Checks scheme, host and port against the policy, before anything is resolved. */
  Denial precheck(HttpMessages.OutgoingRequest request) {
    Target t;
    try {
      t = target(request);
    } catch (URISyntaxException e) {
      return deny(HttpErrorCode.HTTP_REQUEST_URI_INVALID, "invalid request URI: " + e.getMessage());
    }
    if (!t.scheme().equals("http") && !t.scheme().equals("https")) {
      return deny(HttpErrorCode.HTTP_REQUEST_DENIED, "scheme " + t.scheme() + " is not supported");
    }
    Endpoint endpoint = new Endpoint(t.scheme(), t.host(), t.port());
    if (!ctx.capabilities.network().allows(endpoint)) {
      return deny(
          HttpErrorCode.HTTP_REQUEST_DENIED,
          "network access to " + endpoint + " is not allowed by the policy");
    }
    return null;
  }

  private Denial deny(HttpErrorCode errorCase, String message) {
    ctx.notice("http request denied: " + message);
    log.info("guest http request denied: {}", message);
    return new Denial(errorCase, message);
  }

  /**
   * Resolves the host and checks every address it resolves to: an address in a restricted class is
   * refused unless the policy allows it explicitly. The JVM caches the answer ({@code
   * networkaddress.cache.ttl}, which Corral's server sets to 30 s), and java.net.http resolves the
   * name again through the same cache when it connects, milliseconds later; see the README for the
   * window this leaves.
   */
  Denial checkAddresses(Target t) {
    Endpoint endpoint = new Endpoint(t.scheme(), t.host(), t.port());
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(t.host());
    } catch (UnknownHostException e) {
      return deny(HttpErrorCode.DESTINATION_NOT_FOUND, "cannot resolve " + t.host());
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal =
          RestrictedAddresses.refusal(ctx.capabilities.network(), endpoint, address);
      if (refusal.isPresent()) {
        return deny(
            HttpErrorCode.DESTINATION_IP_PROHIBITED, endpoint + " resolves to " + refusal.get());
      }
    }
    return null;
  }

  /** Sends a request the precheck allowed, checking the resolved addresses first. */
  HttpMessages.Outcome send(
      HttpMessages.OutgoingRequest request, HttpMessages.RequestOptions options)
      throws ComponentTrap {
    Denial denial = precheck(request);
    Target t;
    try {
      t = target(request);
    } catch (URISyntaxException e) {
      return new HttpMessages.Outcome(null, HttpErrorCode.HTTP_REQUEST_URI_INVALID, e.getMessage());
    }
    if (denial == null) {
      denial = checkAddresses(t);
    }
    if (denial != null) {
      return new HttpMessages.Outcome(null, denial.errorCase(), denial.message());
    }
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(t.uri());
    } catch (IllegalArgumentException e) {
      return new HttpMessages.Outcome(null, HttpErrorCode.HTTP_REQUEST_URI_INVALID, e.getMessage());
    }
    byte[] body = request.body == null ? new byte[0] : request.body.bytes();
    try {
      builder.method(
          request.method,
          body.length == 0 && request.body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
    } catch (IllegalArgumentException e) {
      return new HttpMessages.Outcome(
          null, HttpErrorCode.HTTP_REQUEST_METHOD_INVALID, e.getMessage());
    }
    Long firstByte = options.timeouts[1];
    builder.timeout(timeout(firstByte, ctx.capabilities.limits().timeout()));
    for (HttpMessages.Field f : request.headers.entries()) {
      if (!HOST_SET_HEADERS.contains(f.name())) {
        try {
          builder.header(
              f.name(), new String(f.value(), java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
          // the fields checks leave none that java.net.http refuses; should one slip through, it is
          // the guest's header, not a host failure
          return new HttpMessages.Outcome(
              null, HttpErrorCode.HTTP_REQUEST_HEADER_SIZE, e.getMessage());
        }
      }
    }
    try {
      HttpResponse<InputStream> response =
          client(options).send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] data;
      int room = (int) Math.min(HttpMessages.MAX_RESPONSE_BODY, bodies.remaining());
      try (InputStream in = response.body()) {
        data = in.readNBytes(room + 1);
      }
      if (data.length > HttpMessages.MAX_RESPONSE_BODY) {
        return new HttpMessages.Outcome(
            null,
            HttpErrorCode.HTTP_RESPONSE_BODY_SIZE,
            "response body larger than " + HttpMessages.MAX_RESPONSE_BODY + " bytes");
      }
      if (!bodies.take(data.length)) {
        return new HttpMessages.Outcome(
            null,
            HttpErrorCode.HTTP_RESPONSE_BODY_SIZE,
            "the call's HTTP bodies would pass " + bodies.max() + " bytes");
      }
      HttpMessages.Fields headers = new HttpMessages.Fields(true);
      for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
        if (h.getKey().startsWith(":")) {
          continue;
        }
        for (String v : h.getValue()) {
          headers.append(h.getKey(), v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
      return new HttpMessages.Outcome(
          new HttpMessages.IncomingResponse(response.statusCode(), headers.copy(false), data),
          null,
          null);
    } catch (HttpConnectTimeoutException e) {
      return new HttpMessages.Outcome(null, HttpErrorCode.CONNECTION_TIMEOUT, e.getMessage());
    } catch (HttpTimeoutException e) {
      return new HttpMessages.Outcome(null, HttpErrorCode.CONNECTION_TIMEOUT, e.getMessage());
    } catch (ConnectException e) {
      return new HttpMessages.Outcome(
          null, HttpErrorCode.CONNECTION_REFUSED, String.valueOf(e.getMessage()));
    } catch (IOException e) {
      return new HttpMessages.Outcome(
          null, HttpErrorCode.HTTP_PROTOCOL_ERROR, String.valueOf(e.getMessage()));
    } catch (IllegalArgumentException e) {
      return new HttpMessages.Outcome(null, HttpErrorCode.HTTP_REQUEST_URI_INVALID, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComponentTrap("interrupted while waiting for an HTTP response");
    }
  }

  /**
   * A guest's timeout in nanoseconds (a u64): none, or one beyond 2^63 - 1 ns, is {@code fallback};
   * zero is the shortest java.net.http accepts.
   */
  static Duration timeout(Long nanos, Duration fallback) {
    if (nanos == null || nanos < 0) {
      return fallback;
    }
    return Duration.ofNanos(Math.max(1, nanos));
  }

  private HttpClient client(HttpMessages.RequestOptions options) {
    if (client == null) {
      Long connect = options.timeouts[0];
      client =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              // direct connections only: the address checks are about where the bytes go
              .proxy(HttpClient.Builder.NO_PROXY)
              .connectTimeout(timeout(connect, Duration.ofSeconds(10)))
              .build();
      ctx.onClose(client);
    }
    return client;
  }
}
