package dev.corral.mcp.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the server's {@link ToolMetrics} in Prometheus text format. */
final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient ToolMetrics metrics;

  MetricsServlet(ToolMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.getOutputStream().write(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
