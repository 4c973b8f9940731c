package dev.corral.sandbox.differential;

import dev.corral.sandbox.CallFailedException;
import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ComponentInstance;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.runtime.TestHost;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.world.Function;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.NamedType;
import dev.corral.sandbox.world.QualifiedTypeName;
import dev.corral.sandbox.world.WorldItem;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a {@link RunRequest} under Corral and answers in the driver's format. A {@code wasi} run is
 * one call of {@link SandboxedComponent} with no capabilities (wasmtime's WASI context grants none
 * either; its calls have no deadline, so Corral's is five minutes); a {@code generic} run
 * instantiates the component once on a host whose every non-WASI import records its arguments and
 * answers the request's replies in order (built with the public host API through {@link TestHost};
 * WASI functions trap on both sides), then calls the steps until one fails.
 */
final class CorralRun {
  /**
   * No capabilities, and a deadline far above any call's time (the 12 MB JavaScript components run
   * interpreted on their first instances): a timeout would be a difference of speed, not of
   * behaviour.
   */
  private static final Capabilities NOTHING_GRANTED =
      Capabilities.none().withLimits(Limits.defaults().withTimeout(Duration.ofMinutes(5)));

  private final CompiledComponent component;
  private final UnaryOperator<Value> lifted;

  CorralRun(CompiledComponent component) {
    this(component, UnaryOperator.identity());
  }

  /**
   * A run whose values lifted from the guest (import arguments, export results) pass through {@code
   * lifted} before they are reported: the seam a test uses to plant an ABI bug and check that the
   * comparison catches it.
   */
  CorralRun(CompiledComponent component, UnaryOperator<Value> lifted) {
    this.component = component;
    this.lifted = lifted;
  }

  ArrayNode run(RunRequest request) {
    return request.wasi() ? runWasi(request) : runGeneric(request);
  }

  private ArrayNode runWasi(RunRequest request) {
    if (request.steps().size() != 1) {
      throw new IllegalArgumentException(
          "a WASI run has exactly one step (a fresh instance per call)");
    }
    RunRequest.Step step = request.steps().getFirst();
    ObjectNode answer = TypedJson.NODES.objectNode();
    ArrayNode answers = TypedJson.NODES.arrayNode().add(answer);
    try {
      SandboxedComponent sandboxed = SandboxedComponent.of(component);
      ExportedFunction f = sandboxed.function(step.export()).orElseThrow();
      TypedJson json = new TypedJson(Map.of());
      CallResult result =
          sandboxed.call(step.export(), arguments(json, f.type(), step.args()), NOTHING_GRANTED);
      answer.set(
          "result",
          result.value().isEmpty()
              ? TypedJson.NODES.nullNode()
              : json.toJson(f.type().result().orElseThrow(), result.value().get()));
      answer.set("imports", TypedJson.NODES.arrayNode());
      stdout(answer, result.stdoutText());
    } catch (LinkException e) {
      return TypedJson.NODES
          .arrayNode()
          .add(TypedJson.NODES.objectNode().put("instantiate-trap", e.getMessage()));
    } catch (CallFailedException e) {
      if (e.reason() == CallFailedException.Reason.SETUP) {
        return TypedJson.NODES
            .arrayNode()
            .add(TypedJson.NODES.objectNode().put("instantiate-trap", e.getMessage()));
      }
      if (e.reason() == CallFailedException.Reason.EXIT) {
        answer.put("exit", e.exitCode().orElseThrow());
      } else {
        answer.put("trap", e.getMessage());
      }
      answer.set("imports", TypedJson.NODES.arrayNode());
      stdout(answer, e.stdoutText());
    }
    return answers;
  }

  private static void stdout(ObjectNode answer, String printed) {
    if (!printed.isEmpty()) {
      answer.put("stdout", printed);
    }
  }

  private ArrayNode runGeneric(RunRequest request) {
    ArrayNode answers = TypedJson.NODES.arrayNode();
    TestHost host = TestHost.of(component);
    List<ObjectNode> currentImports = new ArrayList<>();
    Map<String, Deque<JsonNode>> replies = new HashMap<>();
    request.replies().forEach((name, values) -> replies.put(name, new ArrayDeque<>(values)));
    TypedJson[] json = new TypedJson[1];
    Map<String, FuncType> imported = importedFunctions();
    imported.forEach(
        (name, type) ->
            host.function(
                name,
                args -> {
                  ArrayNode encoded = TypedJson.NODES.arrayNode();
                  for (int i = 0; i < args.size(); i++) {
                    encoded.add(
                        json[0].toJson(type.params().get(i).type(), lifted.apply(args.get(i))));
                  }
                  currentImports.add(
                      TypedJson.NODES.objectNode().put("name", name).set("args", encoded));
                  if (type.result().isEmpty()) {
                    return Optional.empty();
                  }
                  Deque<JsonNode> queue = replies.get(name);
                  if (queue == null || queue.isEmpty()) {
                    throw new ComponentTrap("no reply left for " + name);
                  }
                  return Optional.of(json[0].fromJson(type.result().get(), queue.poll()));
                }));
    ComponentInstance instance;
    try {
      var linker = host.linker();
      json[0] = new TypedJson(hostResources(host));
      instance = component.instantiate(linker);
    } catch (LinkException | ComponentTrap e) {
      return answers.add(TypedJson.NODES.objectNode().put("instantiate-trap", e.getMessage()));
    }
    for (RunRequest.Step step : request.steps()) {
      currentImports.clear();
      ObjectNode answer = TypedJson.NODES.objectNode();
      ExportedFunction f = instance.function(step.export()).orElseThrow();
      try {
        Optional<Value> value = instance.call(f, arguments(json[0], f.type(), step.args()));
        answer.set(
            "result",
            value.isEmpty()
                ? TypedJson.NODES.nullNode()
                : json[0].toJson(f.type().result().orElseThrow(), lifted.apply(value.get())));
      } catch (ComponentTrap e) {
        answer.put("trap", e.getMessage());
      }
      ArrayNode imports = answer.putArray("imports");
      currentImports.forEach(imports::add);
      answers.add(answer);
      if (!answer.has("result")) {
        break;
      }
    }
    return answers;
  }

  private static List<Value> arguments(TypedJson json, FuncType type, JsonNode args) {
    List<Value> values = new ArrayList<>();
    for (int i = 0; i < type.params().size(); i++) {
      values.add(json.fromJson(type.params().get(i).type(), args.get(i)));
    }
    return values;
  }

  /** Every non-WASI imported function, by qualified name ({@code iface#fn} or {@code fn}). */
  Map<String, FuncType> importedFunctions() {
    Map<String, FuncType> functions = new LinkedHashMap<>();
    for (WorldItem item : component.world().imports()) {
      switch (item) {
        case Interface i when !i.name().startsWith("wasi:") ->
            i.functions().forEach(f -> functions.put(i.name() + "#" + f.name(), f.type()));
        case Function f -> functions.put(f.name(), f.type());
        default -> {}
      }
    }
    return functions;
  }

  /** Imported resources that a WIT {@code use} names again: qualified name to the original's. */
  Map<String, String> resourceAliases() {
    Map<String, String> aliases = new HashMap<>();
    for (WorldItem item : component.world().imports()) {
      switch (item) {
        case Interface i ->
            i.types()
                .forEach(
                    t -> {
                      if (t instanceof NamedType.Resource r && r.aliasOf().isPresent()) {
                        aliases.put(i.name() + "#" + r.name(), qualified(r.aliasOf().get()));
                      }
                    });
        case NamedType.Resource r when r.aliasOf().isPresent() ->
            aliases.put(r.name(), qualified(r.aliasOf().get()));
        default -> {}
      }
    }
    return aliases;
  }

  private static String qualified(QualifiedTypeName name) {
    return name.interfaceName().map(i -> i + "#" + name.name()).orElse(name.name());
  }

  /** The imported resource types by qualified name, as the host declared them. */
  private Map<String, ResourceType> hostResources(TestHost host) {
    Map<String, ResourceType> resources = new HashMap<>();
    for (WorldItem item : component.world().imports()) {
      switch (item) {
        case Interface i ->
            i.types().stream()
                .filter(t -> t instanceof NamedType.Resource r && r.aliasOf().isEmpty())
                .forEach(
                    t ->
                        resources.put(
                            i.name() + "#" + t.name(),
                            host.hostResource(i.name() + "#" + t.name())));
        case NamedType.Resource r when r.aliasOf().isEmpty() ->
            resources.put(r.name(), host.hostResource(r.name()));
        default -> {}
      }
    }
    return resources;
  }
}
