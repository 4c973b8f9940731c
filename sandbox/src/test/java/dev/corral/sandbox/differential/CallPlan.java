package dev.corral.sandbox.differential;

import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.NamedType;
import dev.corral.sandbox.world.WorldItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The runs that compare one component: every exported function called with its parameters' edge
 * values ({@link EdgeValues}, position by position, at most {@link EdgeValues#MAX} calls), each
 * call in a fresh instance. A handle parameter gets a resource made by that resource's exported
 * constructor in an earlier step of the same run (on the generic host, also for a WASI component);
 * a function needing a handle nothing can make is listed in {@link #notCompared}. Imported
 * functions answer their result type's first edge values.
 */
record CallPlan(List<RunRequest> runs, Map<String, String> notCompared) {
  static final int REPLIES = 4;

  static CallPlan of(
      Path file, CompiledComponent component, boolean wasi, CorralRun corral, int maxCalls) {
    Map<String, List<JsonNode>> replies = wasi ? Map.of() : replies(corral.importedFunctions());
    List<RunRequest> runs = new ArrayList<>();
    Map<String, String> notCompared = new LinkedHashMap<>();
    for (ExportedFunction f : component.exports()) {
      List<RunRequest.Step> setup = new ArrayList<>();
      List<JsonNode> handles = new ArrayList<>();
      String missing = null;
      for (Field p : f.type().params()) {
        if (EdgeValues.handleFree(p.type())) {
          handles.add(null);
          continue;
        }
        Optional<ExportedFunction> constructor =
            p.type() instanceof OwnType || p.type() instanceof BorrowType
                ? constructorFor(component, f, p.type())
                : Optional.empty();
        if (constructor.isEmpty()) {
          missing =
              "parameter '"
                  + p.name()
                  + "' needs a handle of a resource the component exports no handle-free"
                  + " constructor for, or inside another type";
          break;
        }
        ArrayNode args = TypedJson.NODES.arrayNode();
        TypedJson json = new TypedJson(Map.of());
        constructor
            .get()
            .type()
            .params()
            .forEach(cp -> args.add(json.toJson(cp.type(), EdgeValues.of(cp.type()).getLast())));
        handles.add(
            TypedJson.NODES
                .objectNode()
                .put("handle", setup.size())
                .put("own", p.type() instanceof OwnType));
        setup.add(new RunRequest.Step(constructor.get().qualifiedName(), args));
      }
      if (missing != null) {
        notCompared.put(f.qualifiedName(), missing);
        continue;
      }
      for (List<JsonNode> args : argumentLists(f.type(), handles, maxCalls)) {
        List<RunRequest.Step> steps = new ArrayList<>(setup);
        steps.add(new RunRequest.Step(f.qualifiedName(), TypedJson.NODES.arrayNode().addAll(args)));
        // a WASI run is one call in a fresh instance: a run that makes its handles first runs
        // on the generic host (WASI functions trap on both sides)
        runs.add(
            new RunRequest(
                file, wasi && setup.isEmpty(), corral.resourceAliases(), replies, steps));
      }
    }
    return new CallPlan(runs, notCompared);
  }

  private static List<List<JsonNode>> argumentLists(
      FuncType type, List<JsonNode> handles, int maxCalls) {
    List<List<Value>> edges = new ArrayList<>();
    int count = 1;
    for (Field p : type.params()) {
      List<Value> values = EdgeValues.handleFree(p.type()) ? EdgeValues.of(p.type()) : List.of();
      edges.add(values);
      count = Math.max(count, values.size());
    }
    List<List<JsonNode>> lists = new ArrayList<>();
    for (int i = 0; i < Math.min(count, maxCalls); i++) {
      List<JsonNode> args = new ArrayList<>();
      TypedJson json = new TypedJson(Map.of());
      for (int j = 0; j < type.params().size(); j++) {
        List<Value> values = edges.get(j);
        args.add(
            values.isEmpty()
                ? handles.get(j)
                : json.toJson(type.params().get(j).type(), values.get((i + j) % values.size())));
      }
      lists.add(args);
    }
    return lists;
  }

  private static Optional<ExportedFunction> constructorFor(
      CompiledComponent component, ExportedFunction f, ValType handle) {
    ResourceType resource =
        handle instanceof OwnType o ? o.resource() : ((BorrowType) handle).resource();
    Optional<String> name = Optional.empty();
    for (WorldItem item : component.world().exports()) {
      if (item instanceof Interface i && f.interfaceName().equals(Optional.of(i.name()))) {
        name = i.nameOf(resource);
      } else if (item instanceof NamedType.Resource r
          && f.interfaceName().isEmpty()
          && r.type() == resource) {
        name = Optional.of(r.name());
      }
    }
    return name.flatMap(
        n ->
            component.exports().stream()
                .filter(
                    e ->
                        e.interfaceName().equals(f.interfaceName())
                            && e.name().equals("[constructor]" + n))
                .filter(
                    e -> e.type().params().stream().allMatch(p -> EdgeValues.handleFree(p.type())))
                .findFirst());
  }

  private static Map<String, List<JsonNode>> replies(Map<String, FuncType> imported) {
    Map<String, List<JsonNode>> replies = new LinkedHashMap<>();
    imported.forEach(
        (name, type) ->
            type.result()
                .filter(EdgeValues::handleFree)
                .ifPresent(
                    result -> {
                      TypedJson json = new TypedJson(Map.of());
                      List<Value> values = EdgeValues.of(result);
                      List<JsonNode> nodes = new ArrayList<>();
                      for (int i = 0; i < REPLIES; i++) {
                        nodes.add(json.toJson(result, values.get(i % values.size())));
                      }
                      replies.put(name, nodes);
                    }));
    return replies;
  }
}
