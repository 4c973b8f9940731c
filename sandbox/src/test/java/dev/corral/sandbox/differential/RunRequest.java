package dev.corral.sandbox.differential;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of a component in a fresh instance, the same on both runtimes: the steps (export calls
 * with typed JSON arguments; a handle argument names a handle an earlier step returned) and, for a
 * generic host, the values each imported function answers, call by call, and which imported
 * resources are the same resource under another name (a WIT {@code use}: qualified name to the
 * qualified name of the original).
 */
record RunRequest(
    Path component,
    boolean wasi,
    Map<String, String> resourceAliases,
    Map<String, List<JsonNode>> replies,
    List<Step> steps) {
  RunRequest {
    resourceAliases = Map.copyOf(resourceAliases);
    replies = Map.copyOf(replies);
    steps = List.copyOf(steps);
  }

  /** A call of {@code export} ({@code iface#fn} or {@code fn}) with typed JSON arguments. */
  record Step(String export, ArrayNode args) {}

  ObjectNode toJson() {
    ObjectNode request =
        TypedJson.NODES
            .objectNode()
            .put("op", "run")
            .put("component", component.toString())
            .put("host", wasi ? "wasi" : "generic");
    ObjectNode aliases = request.putObject("resource-aliases");
    resourceAliases.forEach(aliases::put);
    ObjectNode replyNode = request.putObject("replies");
    replies.forEach((name, values) -> replyNode.putArray(name).addAll(values));
    ArrayNode stepNodes = request.putArray("steps");
    for (Step step : steps) {
      stepNodes.addObject().put("export", step.export()).set("args", step.args());
    }
    return request;
  }
}
