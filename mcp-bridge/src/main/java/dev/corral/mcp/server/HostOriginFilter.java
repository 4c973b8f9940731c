package dev.corral.mcp.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding protection: the {@code Host} header must name the address the server listens on,
 * and a browser's {@code Origin}, when sent, must be one of the same hosts over http. A request
 * failing either gets 403 and never reaches MCP.
 */
final class HostOriginFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private final Set<String> allowedHosts;
  private final Set<String> allowedOrigins;

  /** {@code allowedHosts} as {@code host:port}, lower case. */
  HostOriginFilter(Set<String> allowedHosts) {
    this.allowedHosts = Collections.unmodifiableSet(new LinkedHashSet<>(allowedHosts));
    this.allowedOrigins = Set.copyOf(allowedHosts.stream().map(h -> "http://" + h).toList());
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String host = request.getHeader("Host");
    if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
      HttpErrors.send(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Host header "
              + (host == null ? "missing" : "'" + host + "' not allowed")
              + "; expected one of "
              + allowedHosts);
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
      HttpErrors.send(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Origin '" + origin + "' not allowed");
      return;
    }
    chain.doFilter(request, response);
  }
}
