package dev.corral.mcp.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Lets a Streamable HTTP session be told what it should hear at its start (the components not
 * served, see {@link CorralServer#greet}) once it can hear it: after its client opened the
 * session's event stream ({@code GET /mcp} with {@code Mcp-Session-Id}), which a client does once
 * it has initialized.
 */
final class SessionGreetingFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private final transient Consumer<String> greet;

  SessionGreetingFilter(Consumer<String> greet) {
    this.greet = greet;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, response);
    String session = request.getHeader("Mcp-Session-Id");
    if ("GET".equals(request.getMethod()) && session != null && response.getStatus() < 400) {
      greet.accept(session);
    }
  }
}
