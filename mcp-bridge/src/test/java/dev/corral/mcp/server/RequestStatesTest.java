package dev.corral.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestStatesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-12-08T03:00:00Z");

  private static RequestStates at(Instant instant) {
    return new RequestStates(KEY, Clock.fixed(instant, ZoneOffset.UTC));
  }

  private final RequestStates states = at(NOW);
  private final RequestStates.Binding grant =
      states.bind(
          "tools/call",
          "grant-network-permission",
          JSON.readTree("{\"component_id\":\"adder\",\"details\":{\"host\":\"api.example.com\"}}"));
  private final Map<String, JsonNode> answers =
      Map.of("input-0", JSON.readTree("{\"action\":\"accept\"}"));

  @Test
  void aStateOpensForTheRequestItWasIssuedForWithItsQuestionsAndAnswers() {
    String token = states.seal(grant, Map.of("input-1", "d1"), answers);
    RequestStates.State state = at(NOW.plusSeconds(299)).open(token, grant);
    assertEquals(grant, state.binding());
    assertEquals(Map.of("input-1", "d1"), state.questions());
    assertEquals(answers, state.answers());
    assertEquals(NOW.plus(RequestStates.LIFETIME), state.expires());
  }

  @Test
  void theArgumentsDigestIgnoresMemberOrder() {
    assertEquals(
        grant,
        states.bind(
            "tools/call",
            "grant-network-permission",
            JSON.readTree(
                "{\"details\":{\"host\":\"api.example.com\"},\"component_id\":\"adder\"}")));
  }

  @Test
  void anotherServerWithTheSameKeyOpensIt() {
    String token = states.seal(grant, Map.of("input-1", "d1"), Map.of());
    assertEquals(Map.of("input-1", "d1"), at(NOW).open(token, grant).questions());
  }

  @Test
  void aTamperedStateIsRefused() {
    String token = states.seal(grant, Map.of("input-1", "d1"), Map.of());
    String body =
        new String(
            Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            StandardCharsets.UTF_8);
    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(body.replace("\"d1\"", "\"d2\"").getBytes(StandardCharsets.UTF_8))
            + token.substring(token.indexOf('.'));
    assertEquals(
        "requestState refused: its integrity check failed: it was altered, or it was issued by a server"
            + " that does not share this deployment's request-state key",
        refusal(states, forged, grant));
    assertEquals(
        "requestState refused: it is not a state this server issued (not two base64url parts)",
        refusal(states, "not+base64!", grant));
  }

  @Test
  void aStateSealedWithAnotherKeyIsRefused() {
    RequestStates other =
        new RequestStates(
            "another key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC));
    String token = other.seal(grant, Map.of(), Map.of());
    assertEquals(
        "requestState refused: its integrity check failed: it was altered, or it was issued by a server"
            + " that does not share this deployment's request-state key",
        refusal(states, token, grant));
  }

  @Test
  void aReplayedStateIsRefused() {
    String token = states.seal(grant, Map.of("input-1", "d1"), Map.of());
    states.open(token, grant);
    assertEquals(
        "requestState refused: it was already used to retry a request (replayed); a state is accepted once",
        refusal(states, token, grant));
  }

  @Test
  void anExpiredStateIsRefused() {
    String token = states.seal(grant, Map.of(), Map.of());
    assertEquals(
        "requestState refused: it expired at 2026-12-08T03:05:00Z (a state lives 5 minutes); send the"
            + " request again without it",
        refusal(at(NOW.plusSeconds(301)), token, grant));
  }

  @Test
  void aStateIsRefusedForAnotherRequest() {
    String token = states.seal(grant, Map.of(), Map.of());
    RequestStates.Binding other =
        states.bind(
            "tools/call",
            "grant-network-permission",
            JSON.readTree(
                "{\"component_id\":\"adder\",\"details\":{\"host\":\"evil.example.com\"}}"));
    assertEquals(
        "requestState refused: it was issued for tools/call 'grant-network-permission' with other arguments,"
            + " not for this tools/call 'grant-network-permission'",
        refusal(states, token, other));
  }

  @Test
  void aKeyFileMustHoldAtLeast32Bytes(@TempDir Path dir) throws Exception {
    Path shortKey = Files.writeString(dir.resolve("state.key"), "too short\n");
    assertEquals(
        shortKey
            + " holds 9 bytes; a request-state key needs at least 32 (e.g. `head -c 32 /dev/urandom"
            + " | base64 > state.key`)",
        assertThrows(java.io.IOException.class, () -> RequestStates.withKeyFile(shortKey))
            .getMessage());
  }

  private static String refusal(RequestStates states, String token, RequestStates.Binding binding) {
    ModernFailure failure = assertThrows(ModernFailure.class, () -> states.open(token, binding));
    assertEquals(-32602, failure.code());
    return failure.getMessage();
  }
}
