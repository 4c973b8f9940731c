package dev.corral.oci;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks URLs that a server hands out (redirect and upload {@code Location}s, bearer token realms)
 * before anything is sent to them: they must parse, and name an {@code http} or {@code https} host.
 * A server's bad URL becomes an {@link OciException} naming it.
 */
final class ServerUrls {
  private ServerUrls() {}

  /**
   * {@code location} resolved against {@code base} (it may be relative, as a Location header may
   * be).
   */
  static URI resolve(URI base, String location, String what) throws OciException {
    return checked(base.resolve(parse(location, what)), location, what);
  }

  /** {@code url}, which must be absolute. */
  static URI absolute(String url, String what) throws OciException {
    URI uri = parse(url, what);
    if (!uri.isAbsolute()) {
      throw new OciException(what + " is not an absolute http(s) URL: '" + url + "'");
    }
    return checked(uri, url, what);
  }

  /** Whether {@code status} is an HTTP redirect that carries a {@code Location}. */
  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  static boolean isHttps(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme());
  }

  private static URI parse(String text, String what) throws OciException {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new OciException(
          what + " is not a valid URL: '" + text + "' (" + e.getReason() + ")", e);
    }
  }

  private static URI checked(URI uri, String text, String what) throws OciException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.isOpaque()
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new OciException(what + " is not an http(s) URL with a host: '" + text + "'");
    }
    return uri;
  }
}
