package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.JSON;
import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP 2026-07-28 requests on the wire, against two real servers that share one component and one
 * request-state key (two replicas of a deployment): an approval asked on one is finished on the
 * other; a replayed or altered request state is refused with a clear error; header and envelope
 * errors get their exact codes and HTTP statuses; loading an unsigned file is approved by a retry;
 * and a 2025-era session still works beside it.
 */
class ModernRequestsIT {
  private static final Pattern SERVING =
      Pattern.compile("serving \\d+ tool\\(s\\) at (http://127\\.0\\.0\\.1:\\d+/mcp)");
  private static final String VERSION = "2026-07-28";
  private static final String APPROVE_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"approve\":{\"type\":\"boolean\","
          + "\"title\":\"Approve\",\"description\":\"Allow this change\"}},\"required\":[\"approve\"]}";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anApprovalStartedOnOneReplicaIsFinishedOnAnotherAndCannotBeReplayedOrAltered(
      @TempDir Path home) throws Exception {
    Path key =
        Files.writeString(
            home.resolve("state.key"), "a shared key of at least 32 bytes for tests\n");
    Path adder = Files.copy(testComponent("adder.component.wasm"), home.resolve("adder.wasm"));
    try (McpProcess first = replica(home.resolve("a"), key, adder);
        McpProcess second = replica(home.resolve("b"), key, adder)) {
      String a = first.awaitStderr(SERVING).group(1);
      String b = second.awaitStderr(SERVING).group(1);
      ObjectNode grant = JSON.createObjectNode().put("component_id", "adder");
      grant.putObject("details").put("host", "api.example.com");

      HttpResponse<String> asked =
          post(a, call("grant-network-permission", grant, true, null, null));
      assertEquals(200, asked.statusCode(), asked.body());
      JsonNode result = ModernHttp.body(asked).get("result");
      assertEquals("input_required", result.get("resultType").asString(), asked.body());
      ObjectNode expected = JSON.createObjectNode();
      ObjectNode params =
          expected.putObject("input-1").put("method", "elicitation/create").putObject("params");
      params.put("message", GrantQuestions.network(adder, "adder", "api.example.com", List.of()));
      params.set("requestedSchema", JSON.readTree(APPROVE_SCHEMA));
      params.put("mode", "form");
      assertEquals(expected, result.get("inputRequests"));
      String state = result.get("requestState").asString();
      JsonNode yes =
          JSON.readTree("{\"input-1\":{\"action\":\"accept\",\"content\":{\"approve\":true}}}");

      String tampered = (state.charAt(3) == 'A' ? "B" : "A") + "";
      tampered = state.substring(0, 3) + tampered + state.substring(4);
      HttpResponse<String> altered =
          post(a, call("grant-network-permission", grant, true, yes, tampered));
      assertEquals(400, altered.statusCode(), altered.body());
      assertEquals(
          "requestState refused: its integrity check failed: it was altered, or it was issued by a server"
              + " that does not share this deployment's request-state key",
          ModernHttp.body(altered).at("/error/message").asString());

      ObjectNode other = grant.deepCopy();
      ((ObjectNode) other.get("details")).put("host", "evil.example.com");
      HttpResponse<String> moved =
          post(a, call("grant-network-permission", other, true, yes, state));
      assertEquals(400, moved.statusCode(), moved.body());
      assertEquals(
          "requestState refused: it was issued for tools/call 'grant-network-permission' with other"
              + " arguments, not for this tools/call 'grant-network-permission'",
          ModernHttp.body(moved).at("/error/message").asString());

      HttpResponse<String> done =
          post(b, call("grant-network-permission", grant, true, yes, state));
      assertEquals(200, done.statusCode(), done.body());
      assertEquals(
          "complete", ModernHttp.body(done).at("/result/resultType").asString(), done.body());
      assertEquals(
          "done: grant network access to \"api.example.com\" for adder",
          ModernHttp.body(done).at("/result/content/0/text").asString(),
          done.body());
      assertTrue(Files.readString(home.resolve("adder.policy.yaml")).contains("api.example.com"));

      HttpResponse<String> replayed =
          post(b, call("grant-network-permission", grant, true, yes, state));
      assertEquals(400, replayed.statusCode(), replayed.body());
      assertEquals(
          JSON.readTree(
              "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"requestState"
                  + " refused: it was already used to retry a request (replayed); a state is accepted once\"}}"),
          ModernHttp.body(replayed));

      HttpResponse<String> cannotAsk =
          post(a, call("grant-network-permission", other, false, null, null));
      assertEquals(
          "grant network access to \"evil.example.com\" for adder: refused: this client cannot ask the user for"
              + " approval (MCP elicitation); grant it with `corral permission grant ...`, or start the server with"
              + " --trust-agent-grants",
          ModernHttp.body(cannotAsk).at("/result/content/0/text").asString());
    }
  }

  @Test
  void headersAndEnvelopeAreCheckedAndAnUnsignedLoadIsApprovedByARetry(@TempDir Path home)
      throws Exception {
    try (McpProcess server =
        McpProcess.start(
            McpProcess.corral(
                home,
                "serve",
                "--http",
                "--listen",
                "127.0.0.1:0",
                "--no-auth",
                "--component",
                testComponent("adder.component.wasm").toString()))) {
      String url = server.awaitStderr(SERVING).group(1);
      ObjectNode list = request("tools/list", JSON.createObjectNode(), true);

      HttpResponse<String> listed = post(url, list);
      assertEquals(200, listed.statusCode(), listed.body());
      JsonNode result = ModernHttp.body(listed).get("result");
      assertEquals(0, result.get("ttlMs").asInt());
      assertEquals("private", result.get("cacheScope").asString());
      assertEquals(
          "corral", result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asString());
      assertTrue(listed.headers().firstValue("Mcp-Session-Id").isEmpty(), "stateless: no session");

      assertError(
          send(url, list, Map.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "prompts/list")),
          400,
          -32020,
          "the Mcp-Method header 'prompts/list' does not match 'tools/list' in the body");
      assertError(
          send(url, list, Map.of("MCP-Protocol-Version", VERSION)),
          400,
          -32020,
          "the Mcp-Method header is missing; it must repeat 'tools/list' from the body");
      ObjectNode future = request("tools/list", JSON.createObjectNode(), true);
      ((ObjectNode) future.at("/params/_meta"))
          .put("io.modelcontextprotocol/protocolVersion", "2099-01-01");
      HttpResponse<String> unsupported =
          send(
              url,
              future,
              Map.of("MCP-Protocol-Version", "2099-01-01", "Mcp-Method", "tools/list"));
      assertEquals(
          JSON.readTree(
              "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol"
                  + " version '2099-01-01'; this server speaks [2026-07-28] statelessly, and the 2025 revisions after initialize\","
                  + "\"data\":{\"supported\":[\"2026-07-28\"],\"requested\":\"2099-01-01\"}}}"),
          ModernHttp.body(unsupported));
      assertEquals(400, unsupported.statusCode());
      ObjectNode bare =
          JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 7).put("method", "tools/list");
      bare.putObject("params");
      assertError(
          send(url, bare, Map.of("MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/list")),
          400,
          -32602,
          "params._meta is missing: an MCP 2026-07-28 request carries its protocol version and client capabilities there");
      assertError(
          post(url, request("initialize", JSON.createObjectNode(), true)),
          404,
          -32601,
          "Method not found: initialize (MCP 2026-07-28 has no initialize: every request carries its version and"
              + " capabilities in _meta)");
      ObjectNode call =
          call("docs_adder_add_add", JSON.readTree("{\"x\":1,\"y\":2}"), false, null, null);
      assertError(
          send(
              url,
              call,
              Map.of(
                  "MCP-Protocol-Version",
                  VERSION,
                  "Mcp-Method",
                  "tools/call",
                  "Mcp-Name",
                  "other_tool")),
          400,
          -32020,
          "the Mcp-Name header 'other_tool' does not match 'docs_adder_add_add'" + " in the body");
      HttpResponse<String> sum =
          send(
              url,
              call,
              Map.of(
                  "mcp-protocol-version",
                  VERSION,
                  "MCP-METHOD",
                  "tools/call",
                  "Mcp-Name",
                  "=?base64?ZG9jc19hZGRlcl9hZGRfYWRk?="));
      assertEquals(
          "{\"result\":3}",
          ModernHttp.body(sum).at("/result/structuredContent").toString(),
          sum.body());

      // loading an unsigned file asks the same question as in the 2025 era, as an input-required
      // result
      Path unsigned =
          Files.copy(testComponent("adder.component.wasm"), home.resolve("unsigned.wasm"));
      ObjectNode load =
          call(
              "load-component",
              JSON.createObjectNode().put("path", unsigned.toString()),
              true,
              null,
              null);
      JsonNode question = ModernHttp.body(post(url, load)).get("result");
      assertEquals("input_required", question.get("resultType").asString(), question.toString());
      String message = question.at("/inputRequests/input-1/params/message").asString();
      assertEquals(
          "Corral: an agent asks to fetch and install an unsigned component.\n"
              + "  component: \"unsigned\"\n"
              + "  source: \""
              + unsigned.toUri()
              + "\"\n"
              + "  digest: not known yet: Corral opens and downloads nothing before you approve\n"
              + "  signature: none (a local file is not signed)\n"
              + "  replaces: nothing (a new install)\n"
              + "  permissions: none now; if it brings a policy, or replaces a component that has"
              + " grants or secrets, you are asked again, with its digest\n"
              + "Approve?",
          message);
      ObjectNode retry =
          call(
              "load-component",
              JSON.createObjectNode().put("path", unsigned.toString()),
              true,
              JSON.readTree("{\"input-1\":{\"action\":\"accept\",\"content\":{\"approve\":true}}}"),
              question.get("requestState").asString());
      assertEquals(
          "loaded unsigned (1 tools)",
          ModernHttp.body(post(url, retry)).at("/result/content/0/text").asString());

      // the 2025 era beside it: initialize gets a session from the SDK
      HttpResponse<String> init =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json, text/event-stream")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                              + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, init.statusCode(), init.body());
      assertTrue(
          init.headers().firstValue("Mcp-Session-Id").isPresent(), init.headers().toString());
    }
  }

  private void assertError(HttpResponse<String> response, int status, int code, String message) {
    JsonNode body = ModernHttp.body(response);
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(code, body.at("/error/code").asInt(), response.body());
    assertEquals(message, body.at("/error/message").asString());
    assertEquals(7, body.get("id").asInt(), "the error carries the request's id");
  }

  private static McpProcess replica(Path home, Path key, Path component) throws Exception {
    return McpProcess.start(
        McpProcess.corral(
            home,
            "serve",
            "--http",
            "--listen",
            "127.0.0.1:0",
            "--no-auth",
            "--state-key-file",
            key.toString(),
            "--component",
            component.toString()));
  }

  /**
   * A 2026-07-28 request with id 7 and the _meta envelope; the client can elicit if {@code elicit}.
   */
  private static ObjectNode request(String method, ObjectNode params, boolean elicit) {
    ObjectNode meta = params.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", VERSION);
    meta.putObject("io.modelcontextprotocol/clientInfo")
        .put("name", "modern-it")
        .put("version", "1");
    ObjectNode capabilities = meta.putObject("io.modelcontextprotocol/clientCapabilities");
    if (elicit) {
      capabilities.putObject("elicitation");
    }
    ObjectNode request =
        JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 7).put("method", method);
    request.set("params", params);
    return request;
  }

  private static ObjectNode call(
      String tool, JsonNode arguments, boolean elicit, JsonNode responses, String state) {
    ObjectNode params = JSON.createObjectNode().put("name", tool);
    params.set("arguments", arguments);
    if (responses != null) {
      params.set("inputResponses", responses);
    }
    if (state != null) {
      params.put("requestState", state);
    }
    return request("tools/call", params, elicit);
  }

  /** POSTs {@code message} with the standard headers it needs. */
  private HttpResponse<String> post(String url, ObjectNode message) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("MCP-Protocol-Version", VERSION);
    headers.put("Mcp-Method", message.get("method").asString());
    if (message.at("/params/name").isString()) {
      headers.put("Mcp-Name", message.at("/params/name").asString());
    }
    return send(url, message, headers);
  }

  private HttpResponse<String> send(String url, ObjectNode message, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)));
    headers.forEach(builder::header);
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
