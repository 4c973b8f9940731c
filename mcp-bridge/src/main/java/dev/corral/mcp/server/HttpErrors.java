package dev.corral.mcp.server;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.json.JsonMapper;

/** Writes the small JSON error bodies ({@code {"error": "..."}}) of Corral's HTTP filters. */
final class HttpErrors {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HttpErrors() {}

  static void send(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message)));
  }
}
