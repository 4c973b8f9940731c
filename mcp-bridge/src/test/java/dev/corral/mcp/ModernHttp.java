package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** MCP 2026-07-28 requests as a client sends them over HTTP, for the tests that speak it raw. */
final class ModernHttp {
  static final String VERSION = "2026-07-28";

  private ModernHttp() {}

  /**
   * A POST of request {@code id} to {@code method} with {@code params} (their {@code _meta} added:
   * this version, no client capabilities), the standard headers and the bearer {@code token}.
   */
  static HttpRequest request(String url, String token, long id, String method, ObjectNode params) {
    ObjectNode meta = params.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", VERSION);
    meta.putObject("io.modelcontextprotocol/clientCapabilities");
    ObjectNode request =
        JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    request.set("params", params);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + token)
            .header("MCP-Protocol-Version", VERSION)
            .header("Mcp-Method", method)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)));
    if (params.has("name")) {
      builder.header("Mcp-Name", params.get("name").asString());
    }
    return builder.build();
  }

  /** A {@code tools/call} of {@code tool} with {@code arguments}. */
  static HttpRequest call(String url, String token, long id, String tool, JsonNode arguments) {
    ObjectNode params = JSON.createObjectNode().put("name", tool);
    params.set("arguments", arguments);
    return request(url, token, id, "tools/call", params);
  }

  /**
   * The JSON-RPC message a response carries: its body, or the last {@code data:} of an SSE stream
   * (a tool call running longer than a second is answered as one).
   */
  static JsonNode body(HttpResponse<String> response) {
    String text = response.body();
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      return JSON.readTree(text);
    }
    String last = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("data: ")) {
        last = line.substring(6);
      }
    }
    return JSON.readTree(last);
  }
}
