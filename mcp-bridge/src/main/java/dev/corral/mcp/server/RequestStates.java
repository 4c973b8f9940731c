package dev.corral.mcp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code requestState} of Corral's input-required results (MCP 2026-07-28), sealed with
 * HMAC-SHA256 under the deployment's key so that any replica holding the key can finish a request
 * another one started, and nobody without it can forge or alter one. A state is bound to the
 * request it was issued for (method, tool and a digest of the arguments), expires after {@link
 * #LIFETIME}, and is accepted once per server: the retry that presents it consumes it, and a later
 * one presenting it again is refused as replayed. (Across replicas, which share no memory, the
 * expiry bounds a replay.)
 */
public final class RequestStates {
  /** How long the user has to answer, as for a 2025-era elicitation. */
  static final Duration LIFETIME = CorralServer.CLIENT_REQUEST_TIMEOUT;

  /** The shortest key accepted, in bytes. */
  static final int MIN_KEY_BYTES = 32;

  private static final String MAC = "HmacSHA256";

  private final byte[] key;
  private final Clock clock;
  private final JsonMapper canonical =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private final Map<String, Instant> consumed = new ConcurrentHashMap<>();

  RequestStates(byte[] key, Clock clock) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the request-state key has "
              + key.length
              + " bytes; at least "
              + MIN_KEY_BYTES
              + " are needed");
    }
    this.key = key.clone();
    this.clock = clock;
  }

  /** States sealed with a fresh random key: only this process can open them. */
  public static RequestStates ephemeral() {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new RequestStates(key, Clock.systemUTC());
  }

  /**
   * States sealed with the key in {@code file} (its bytes, surrounding whitespace removed; at least
   * {@value #MIN_KEY_BYTES}): every replica given the same file can open the others'.
   */
  public static RequestStates withKeyFile(Path file) throws IOException {
    byte[] bytes =
        Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_KEY_BYTES) {
      throw new IOException(
          file
              + " holds "
              + bytes.length
              + " bytes; a request-state key needs at least "
              + MIN_KEY_BYTES
              + " (e.g. `head -c 32 /dev/urandom | base64 > "
              + file.getFileName()
              + "`)");
    }
    return new RequestStates(bytes, Clock.systemUTC());
  }

  /** What a state is bound to: the request's method, its target and a digest of its arguments. */
  record Binding(String method, String target, String argumentsDigest) {}

  /**
   * What a state carries: its binding, the questions asked so far (key → digest of the question),
   * the answers already given (key → answer), its expiry and its nonce.
   */
  record State(
      Binding binding,
      Map<String, String> questions,
      Map<String, JsonNode> answers,
      Instant expires,
      String nonce) {
    State {
      questions = Map.copyOf(questions);
      answers = Map.copyOf(answers);
    }
  }

  /** The binding of a request to {@code method} on {@code target} with {@code arguments}. */
  Binding bind(String method, String target, JsonNode arguments) {
    return new Binding(method, target, digest(arguments));
  }

  /** A digest of {@code value} that does not depend on the order of its object members. */
  String digest(JsonNode value) {
    try {
      byte[] bytes = canonical.writeValueAsBytes(canonical.treeToValue(value, Object.class));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new state for {@code binding}, valid for {@link #LIFETIME}. */
  String seal(Binding binding, Map<String, String> questions, Map<String, JsonNode> answers) {
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    ObjectNode payload = canonical.createObjectNode();
    payload
        .put("m", binding.method())
        .put("t", binding.target())
        .put("a", binding.argumentsDigest());
    payload.set("q", canonical.valueToTree(new LinkedHashMap<>(questions)));
    payload.set("r", canonical.valueToTree(new LinkedHashMap<>(answers)));
    payload.put("exp", clock.instant().plus(LIFETIME).toEpochMilli());
    payload.put("nonce", HexFormat.of().formatHex(nonce));
    byte[] body = canonical.writeValueAsBytes(payload);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return base64.encodeToString(body) + "." + base64.encodeToString(mac(body));
  }

  /**
   * Opens {@code token} for a request bound to {@code expected} and consumes it.
   *
   * @throws ModernFailure (-32602) naming what is wrong: altered or foreign, expired, issued for
   *     another request, or already used
   */
  State open(String token, Binding expected) {
    int dot = token.indexOf('.');
    byte[] body;
    byte[] signature;
    try {
      body = Base64.getUrlDecoder().decode(token.substring(0, Math.max(dot, 0)));
      signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw refused("it is not a state this server issued (not two base64url parts)");
    }
    if (dot < 0 || !MessageDigest.isEqual(mac(body), signature)) {
      throw refused(
          "its integrity check failed: it was altered, or it was issued by a server that does not share"
              + " this deployment's request-state key");
    }
    State state;
    try {
      JsonNode payload = canonical.readTree(body);
      Binding binding =
          new Binding(
              payload.get("m").asString(),
              payload.get("t").asString(),
              payload.get("a").asString());
      Map<String, String> questions = new LinkedHashMap<>();
      payload
          .get("q")
          .properties()
          .forEach(e -> questions.put(e.getKey(), e.getValue().asString()));
      Map<String, JsonNode> answers = new LinkedHashMap<>();
      payload.get("r").properties().forEach(e -> answers.put(e.getKey(), e.getValue()));
      state =
          new State(
              binding,
              questions,
              answers,
              Instant.ofEpochMilli(payload.get("exp").asLong()),
              payload.get("nonce").asString());
    } catch (JacksonException | NullPointerException e) {
      throw refused("its content is not a request state");
    }
    Instant now = clock.instant();
    if (now.isAfter(state.expires())) {
      throw refused(
          "it expired at "
              + state.expires()
              + " (a state lives "
              + LIFETIME.toMinutes()
              + " minutes); send the request again without it");
    }
    if (!state.binding().equals(expected)) {
      throw refused(
          "it was issued for "
              + state.binding().method()
              + " '"
              + state.binding().target()
              + "' with other arguments, not for this "
              + expected.method()
              + " '"
              + expected.target()
              + "'");
    }
    consumed.values().removeIf(expiry -> now.isAfter(expiry));
    if (consumed.putIfAbsent(state.nonce(), state.expires()) != null) {
      throw refused("it was already used to retry a request (replayed); a state is accepted once");
    }
    return state;
  }

  private static ModernFailure refused(String why) {
    return ModernFailure.invalidParams("requestState refused: " + why);
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(new SecretKeySpec(key, MAC));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
