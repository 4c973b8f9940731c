package dev.corral.mcp.server;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SDK session one 2026-07-28 request runs in, so that the same tool handlers serve both eras: a
 * question the handler asks the client (an elicitation) is answered from the request's {@code
 * inputResponses} when the sealed {@code requestState} shows the user was asked exactly that
 * question, and otherwise ends the handler with {@link InputRequiredException}, after which {@link
 * #inputRequired} builds the input-required result. Notifications go to the request's stream; log
 * messages only at or above the {@code logLevel} the request asked for (none without one).
 */
final class ModernSession implements McpLoggableSession {
  private final JsonMapper json;
  private final McpJsonMapper mapper;
  private final RequestStates states;
  private final Map<String, String> answeredQuestions;
  private final Map<String, JsonNode> answers;
  private final Optional<LoggingLevel> logLevel;
  private final Consumer<ObjectNode> notifications;
  private final Map<String, String> asked = new LinkedHashMap<>();
  private final Map<String, ObjectNode> unanswered = new LinkedHashMap<>();

  /**
   * {@code prior}: the questions and answers the request's state carries (empty without one);
   * {@code responses}: the request's {@code inputResponses}, answers to {@code prior}'s questions.
   */
  ModernSession(
      JsonMapper json,
      McpJsonMapper mapper,
      RequestStates states,
      Optional<RequestStates.State> prior,
      Map<String, JsonNode> responses,
      Optional<LoggingLevel> logLevel,
      Consumer<ObjectNode> notifications) {
    this.json = json;
    this.mapper = mapper;
    this.states = states;
    this.logLevel = logLevel;
    this.notifications = notifications;
    this.answeredQuestions = prior.map(RequestStates.State::questions).orElse(Map.of());
    this.answers = new LinkedHashMap<>(prior.map(RequestStates.State::answers).orElse(Map.of()));
    responses.forEach(
        (key, answer) -> {
          if (answeredQuestions.containsKey(key)) {
            answers.put(key, answer);
          }
        });
  }

  @Override
  public synchronized <T> Mono<T> sendRequest(String method, Object params, TypeRef<T> type) {
    String key = "input-" + (asked.size() + 1);
    ObjectNode request = json.createObjectNode().put("method", method);
    request.set("params", json.valueToTree(params));
    String digest = states.digest(request);
    asked.put(key, digest);
    JsonNode answer = answers.get(key);
    if (answer != null && digest.equals(answeredQuestions.get(key))) {
      try {
        return Mono.just(mapper.convertValue(answer, type));
      } catch (RuntimeException e) {
        return Mono.error(
            ModernFailure.invalidParams(
                "inputResponses."
                    + key
                    + " is not a valid answer to "
                    + method
                    + ": "
                    + e.getMessage()));
      }
    }
    unanswered.put(key, request);
    return Mono.error(new InputRequiredException());
  }

  /**
   * The input-required result for the questions asked and not yet answered, with a state that
   * carries every question asked and the answers given so far.
   */
  synchronized ObjectNode inputRequired(RequestStates.Binding binding) {
    ObjectNode result = json.createObjectNode().put("resultType", "input_required");
    result.set("inputRequests", json.valueToTree(unanswered));
    Map<String, JsonNode> given = new LinkedHashMap<>(answers);
    given.keySet().retainAll(asked.keySet());
    result.put("requestState", states.seal(binding, asked, given));
    return result;
  }

  @Override
  public Mono<Void> sendNotification(String method, Object params) {
    ObjectNode notification = json.createObjectNode().put("jsonrpc", "2.0").put("method", method);
    notification.set("params", json.valueToTree(params));
    notifications.accept(notification);
    return Mono.empty();
  }

  @Override
  public boolean isNotificationForLevelAllowed(LoggingLevel level) {
    return logLevel.map(minimum -> level.level() >= minimum.level()).orElse(false);
  }

  @Override
  public void setMinLoggingLevel(LoggingLevel level) {
    // the level comes with each request (_meta logLevel); there is no logging/setLevel
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.empty();
  }

  @Override
  public void close() {}

  /**
   * Ends a tool handler whose question has no answer yet (see {@link ModernSession#inputRequired}).
   */
  static final class InputRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputRequiredException() {
      super("the client must answer a question first (input required)", null, false, false);
    }
  }
}
