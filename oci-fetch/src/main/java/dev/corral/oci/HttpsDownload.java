package dev.corral.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Downloads an {@code https://} source into a file. Redirects are followed by hand and only to
 * HTTPS; a body that delivers no data for {@link RegistrySettings#timeout()} is abandoned ({@link
 * StallGuard}); more than {@link RegistrySettings#maxComponentBytes()} is refused, by its
 * Content-Length before reading or by counting while reading.
 */
final class HttpsDownload {
  private static final int MAX_REDIRECTS = 5;

  private final RegistrySettings settings;

  HttpsDownload(RegistrySettings settings) {
    this.settings = settings;
  }

  /**
   * Writes the body of {@code source} (after redirects) to {@code target}; on failure {@code
   * target} is partial.
   */
  void into(URI source, Path target) throws OciException {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .sslContext(settings.sslContext())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    try {
      URI uri = source;
      HttpResponse<InputStream> response = get(http, source, uri);
      for (int hops = 0; ServerUrls.isRedirect(response.statusCode()); hops++) {
        close(response);
        if (hops == MAX_REDIRECTS) {
          throw new OciException(source + " redirected more than " + MAX_REDIRECTS + " times");
        }
        URI from = uri;
        String location =
            response
                .headers()
                .firstValue("Location")
                .orElseThrow(() -> new OciException("redirect without Location from " + from));
        uri = ServerUrls.resolve(from, location, "redirect Location from " + from);
        if (!ServerUrls.isHttps(uri)) {
          throw new OciException(source + " redirected to non-HTTPS " + uri);
        }
        response = get(http, source, uri);
      }
      if (response.statusCode() != 200) {
        close(response);
        throw new OciException("GET " + uri + " failed: HTTP " + response.statusCode());
      }
      copy(source, response, target);
    } finally {
      http.shutdownNow();
    }
  }

  private void copy(URI source, HttpResponse<InputStream> response, Path target)
      throws OciException {
    long limit = settings.maxComponentBytes();
    OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
    if (declared.isPresent() && declared.getAsLong() > limit) {
      close(response);
      throw new OciException(
          source
              + " declares "
              + declared.getAsLong()
              + " bytes (Content-Length), more than "
              + "the limit of "
              + limit
              + " bytes for a component");
    }
    BodyCopy.copy(
        response.body(),
        target,
        settings.timeout(),
        source.toString(),
        (buffer, n, total) -> {
          if (total > limit) {
            throw new OciException(
                "download of "
                    + source
                    + " stopped at "
                    + total
                    + " bytes: more than the "
                    + "limit of "
                    + limit
                    + " bytes for a component");
          }
        });
  }

  private HttpResponse<InputStream> get(HttpClient http, URI source, URI uri) throws OciException {
    try {
      return http.send(
          HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new OciException("download of " + source + " timed out (" + uri + ")", e);
    } catch (IOException e) {
      throw new OciException("download of " + source + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while downloading " + source, e);
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // the connection is discarded
    }
  }
}
