package dev.corral.mcp.server;

import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the transports add to and read from incoming messages for cancellation: a {@code tools/call}
 * request carries its key in {@code params._meta["dev.corral/requestId"]} (set by Corral, never
 * taken from the client), and a {@code notifications/cancelled} names the request to stop.
 */
final class CallMeta {
  private CallMeta() {}

  /**
   * Removes a {@link RunningCalls#REQUEST_ID_META} entry the client sent and, on a {@code
   * tools/call} request, puts in its own: {@code keyOf} the request id.
   *
   * @return whether {@code message} changed
   */
  static boolean tag(ObjectNode message, Function<JsonNode, String> keyOf) {
    boolean changed = false;
    if (message.get("params") instanceof ObjectNode params) {
      if (params.get("_meta") instanceof ObjectNode meta
          && meta.remove(RunningCalls.REQUEST_ID_META) != null) {
        changed = true;
      }
      if ("tools/call".equals(message.path("method").asString("")) && message.has("id")) {
        ObjectNode meta =
            params.get("_meta") instanceof ObjectNode existing
                ? existing
                : params.putObject("_meta");
        meta.put(RunningCalls.REQUEST_ID_META, keyOf.apply(message.get("id")));
        changed = true;
      }
    }
    return changed;
  }

  /** The id of the request a {@code notifications/cancelled} names. */
  static Optional<JsonNode> cancelledRequest(ObjectNode message) {
    if (!"notifications/cancelled".equals(message.path("method").asString(""))) {
      return Optional.empty();
    }
    JsonNode requestId = message.path("params").path("requestId");
    return requestId.isMissingNode() || requestId.isNull()
        ? Optional.empty()
        : Optional.of(requestId);
  }
}
