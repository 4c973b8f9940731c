package dev.corral.schema.tools;

import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.world.World;
import dev.corral.schema.TypeSchemas;
import dev.corral.schema.wit.ComponentDocs;
import dev.corral.schema.wit.TypeNames;
import dev.corral.schema.wit.WitText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP tools of one component: one per exported function, except functions whose parameters or
 * result involve resource handles (handles have no JSON form), which are listed in {@link
 * #skipped()} with the reason. Names are made unique within the component.
 */
public final class ToolCatalog {
  private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);

  private final List<ToolDefinition> tools;
  private final List<SkippedFunction> skipped;
  private final List<ToolNames.Renaming> renamings;

  private ToolCatalog(
      List<ToolDefinition> tools,
      List<SkippedFunction> skipped,
      List<ToolNames.Renaming> renamings) {
    this.tools = List.copyOf(tools);
    this.skipped = List.copyOf(skipped);
    this.renamings = List.copyOf(renamings);
  }

  /**
   * The tool definitions for {@code functions} (in order), logging each skipped function and each
   * renaming at info level.
   */
  public static List<ToolDefinition> describe(
      List<ExportedFunction> functions, ComponentDocs docs) {
    ToolCatalog catalog = of(functions, docs);
    catalog.skipped.forEach(s -> log.info("not offered as a tool: {}", s));
    catalog.renamings.forEach(r -> log.info("{}", r));
    return catalog.tools;
  }

  /**
   * The tool definitions for every function {@code component} exports, with type names from its
   * world in descriptions and schemas, logging skipped functions and renamings at info level.
   */
  public static List<ToolDefinition> describe(CompiledComponent component, ComponentDocs docs) {
    ToolCatalog catalog = of(component, docs);
    catalog.skipped.forEach(s -> log.info("not offered as a tool: {}", s));
    catalog.renamings.forEach(r -> log.info("{}", r));
    return catalog.tools;
  }

  /** The catalog of {@code functions}, without logging; types are written structurally. */
  public static ToolCatalog of(List<ExportedFunction> functions, ComponentDocs docs) {
    return build(functions, docs, f -> TypeNames.NONE);
  }

  /**
   * The catalog of every function {@code component} exports, without logging; named types are
   * written by name in descriptions and carry their name (and docs) in the schemas.
   */
  public static ToolCatalog of(CompiledComponent component, ComponentDocs docs) {
    World world = component.world();
    return build(
        component.exports(),
        docs,
        f ->
            TypeNames.of(
                world, f.interfaceName().flatMap(world::exportedInterface).orElse(null), docs));
  }

  private static ToolCatalog build(
      List<ExportedFunction> functions,
      ComponentDocs docs,
      java.util.function.Function<ExportedFunction, TypeNames> names) {
    List<ToolDefinition> tools = new ArrayList<>();
    List<SkippedFunction> skipped = new ArrayList<>();
    for (ExportedFunction function : functions) {
      TypeNames typeNames = names.apply(function);
      Optional<String> reason = unsupportedReason(function.type(), typeNames);
      if (reason.isPresent()) {
        skipped.add(new SkippedFunction(function, reason.get()));
      } else {
        tools.add(definition(function, docs, typeNames));
      }
    }
    ToolNames.UniqueTools unique = ToolNames.uniquify(tools);
    return new ToolCatalog(unique.tools(), skipped, unique.renamings());
  }

  /**
   * The tool definition of one function, named by {@link ToolNames#of} (not yet made unique).
   *
   * @throws IllegalArgumentException if the function involves resource handles
   */
  public static ToolDefinition definition(ExportedFunction function, ComponentDocs docs) {
    return definition(function, docs, TypeNames.NONE);
  }

  /**
   * The tool definition of one function, with type names (and type docs) from {@code names}.
   *
   * @throws IllegalArgumentException if the function involves resource handles
   */
  public static ToolDefinition definition(
      ExportedFunction function, ComponentDocs docs, TypeNames names) {
    unsupportedReason(function.type(), names)
        .ifPresent(
            reason -> {
              throw new IllegalArgumentException(function.qualifiedName() + ": " + reason);
            });
    return new ToolDefinition(
        ToolNames.of(function),
        function.qualifiedName(),
        description(function, docs, names),
        TypeSchemas.inputSchema(function.type(), names),
        TypeSchemas.outputSchema(function.type(), names),
        function);
  }

  /** The tools offered, with unique names. */
  public List<ToolDefinition> tools() {
    return tools;
  }

  /** The functions not offered as tools, with the reason. */
  public List<SkippedFunction> skipped() {
    return skipped;
  }

  /** Tools renamed because an earlier function had the same tool name. */
  public List<ToolNames.Renaming> renamings() {
    return renamings;
  }

  /**
   * The catalog as JSON, for {@code corral inspect}: {@code {"tools": [MCP Tool objects],
   * "skipped": ["iface#fn: reason", ...], "renamed": ["...", ...]}}.
   */
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode toolArray = root.putArray("tools");
    tools.forEach(tool -> toolArray.add(tool.toJson()));
    ArrayNode skippedArray = root.putArray("skipped");
    skipped.forEach(s -> skippedArray.add(s.toString()));
    ArrayNode renamedArray = root.putArray("renamed");
    renamings.forEach(r -> renamedArray.add(r.toString()));
    return root;
  }

  static String description(ExportedFunction function, ComponentDocs docs, TypeNames names) {
    String signature = WitText.with(names).signatureOf(function.name(), function.type());
    Optional<String> own = docs.functionDocs(function.interfaceName(), function.name());
    String where = function.interfaceName().map(i -> " from the interface " + i).orElse("");
    String text =
        own.map(String::strip)
            .orElseGet(
                () -> "Calls the WebAssembly component function " + function.name() + where + ".");
    StringBuilder out = new StringBuilder(text);
    out.append("\n\nWIT: ").append(signature);
    if (own.isPresent() && !where.isEmpty()) {
      out.append(" (").append(function.interfaceName().get()).append(")");
    }
    if (function.type().result().orElse(null) instanceof ResultType) {
      out.append("\nAn err result is reported as a tool error carrying the error value.");
    }
    return out.toString();
  }

  /** Why a function of this type cannot be a tool, if it cannot. */
  public static Optional<String> unsupportedReason(FuncType type) {
    return unsupportedReason(type, TypeNames.NONE);
  }

  private static Optional<String> unsupportedReason(FuncType type, TypeNames names) {
    WitText text = WitText.with(names);
    for (Field param : type.params()) {
      if (hasHandle(param.type())) {
        return Optional.of(
            "parameter "
                + param.name()
                + " ("
                + text.typeOf(param.type())
                + ") is or contains a resource handle, which cannot be passed as JSON");
      }
    }
    if (type.result().filter(ToolCatalog::hasHandle).isPresent()) {
      return Optional.of(
          "its result ("
              + text.typeOf(type.result().get())
              + ") is or contains a resource handle, which cannot be returned as JSON");
    }
    return Optional.empty();
  }

  static boolean hasHandle(ValType type) {
    return switch (type) {
      case OwnType o -> true;
      case BorrowType b -> true;
      case ListType l -> hasHandle(l.element());
      case RecordType r -> r.fields().stream().anyMatch(f -> hasHandle(f.type()));
      case TupleType t -> t.types().stream().anyMatch(ToolCatalog::hasHandle);
      case VariantType v ->
          v.cases().stream()
              .map(Case::type)
              .flatMap(Optional::stream)
              .anyMatch(ToolCatalog::hasHandle);
      case OptionType o -> hasHandle(o.some());
      case ResultType r ->
          r.ok().filter(ToolCatalog::hasHandle).isPresent()
              || r.err().filter(ToolCatalog::hasHandle).isPresent();
      default -> false;
    };
  }

  /** An exported function not offered as a tool. */
  public record SkippedFunction(ExportedFunction function, String reason) {
    public SkippedFunction {
      Objects.requireNonNull(function, "function");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return function.qualifiedName() + ": " + reason;
    }
  }
}
