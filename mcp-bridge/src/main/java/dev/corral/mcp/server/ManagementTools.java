package dev.corral.mcp.server;

import dev.corral.mcp.component.ComponentDirectory;
import dev.corral.mcp.component.ComponentInstaller;
import dev.corral.mcp.component.ComponentLoadException;
import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.ComponentStatus;
import dev.corral.mcp.component.LoadedComponent;
import dev.corral.mcp.component.UnservedComponent;
import dev.corral.oci.InstalledComponent;
import dev.corral.policy.Access;
import dev.corral.policy.EditResult;
import dev.corral.policy.Policy;
import dev.corral.policy.PolicyEditor;
import dev.corral.policy.PolicyException;
import dev.corral.policy.PolicyParser;
import dev.corral.policy.PolicyWriter;
import dev.corral.schema.ToolDefinition;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Corral's built-in tools, with Wassette's names and arguments: load, unload, list and search
 * components; read a component's policy; grant, revoke and reset its permissions. A grant, and a
 * component that brings a policy granting anything, take effect only once the user approves.
 */
public final class ManagementTools {
  private static final Logger log = LoggerFactory.getLogger(ManagementTools.class);

  private final JsonMapper json;
  private final ComponentRegistry registry;
  private final ComponentLoader loader;
  private final Supplier<ComponentInstaller> installer;
  private final ComponentDirectory installed;
  private final Catalogue catalogue;
  private final ApprovalGate approvals;
  private volatile Runnable recheck = () -> { };

  public ManagementTools(JsonMapper json, ComponentRegistry registry, ComponentLoader loader,
      Supplier<ComponentInstaller> installer, ComponentDirectory installed, Catalogue catalogue, ApprovalGate approvals) {
    this.json = json;
    this.registry = registry;
    this.loader = loader;
    this.installer = installer;
    this.installed = installed;
    this.catalogue = catalogue;
    this.approvals = approvals;
  }

  /** Runs {@code check} before listing components, so the list shows what a fixed file brought back. */
  public void recheckWith(Runnable check) {
    this.recheck = check;
  }

  /** The names of the built-in tools, which component tools may not take. */
  public static final Set<String> NAMES = Set.of(
      "load-component", "unload-component", "list-components", "search-components", "get-policy",
      "grant-storage-permission", "grant-network-permission", "grant-environment-variable-permission",
      "revoke-storage-permission", "revoke-network-permission", "revoke-environment-variable-permission",
      "reset-permission");

  /** The tool specifications. */
  public List<SyncToolSpecification> specifications() {
    List<SyncToolSpecification> tools = new ArrayList<>();
    tools.add(tool("load-component",
        "Loads a WebAssembly component as tools, from a file path, file://, https:// or oci://REGISTRY/REPO:TAG"
            + " (OCI artifacts must be signed by a key Corral trusts). It is installed, so it is served again after a restart.",
        schema(Map.of("path", string("Where the component comes from")), List.of("path")), this::load));
    tools.add(tool("unload-component", "Unloads a component and removes its tools.",
        schema(Map.of("id", string("The component id (see list-components)")), List.of("id")),
        (exchange, args, progress) -> unload(args)));
    tools.add(tool("list-components", "Lists the components with their tools and policy files, and those not served with the reason.",
        schema(Map.of(), List.of()), (exchange, args, progress) -> list()));
    tools.add(tool("search-components", "Searches the catalogue of known components that load-component can fetch.",
        schema(Map.of("query", string("Words to look for in names and descriptions (optional)")), List.of()),
        (exchange, args, progress) -> search(args)));
    tools.add(tool("get-policy", "Shows the policy that grants a component its permissions.",
        schema(Map.of("component_id", string("The component id")), List.of("component_id")),
        (exchange, args, progress) -> getPolicy(args)));
    tools.add(permission("grant-storage-permission", "Grants a component access to files under a fs:// URI (needs the user's approval).",
        Map.of("uri", string("fs:///absolute/path, or a glob such as fs:///data/**/*.csv"),
            "access", Map.of("type", "array", "items", Map.of("type", "string", "enum", List.of("read", "write")),
                "description", "read and/or write")), List.of("uri", "access"), true,
        (editor, d) -> editor.grantStorage(text(d, "uri"), accesses(d)),
        d -> "grant " + accesses(d).stream().map(Access::yamlName).toList() + " access to " + text(d, "uri")));
    tools.add(permission("grant-network-permission", "Grants a component network access to a host (needs the user's approval).",
        Map.of("host", string("example.com, *.example.com, a CIDR range such as 10.0.0.0/8, or an address")),
        List.of("host"), true, (editor, d) -> editor.grantNetwork(text(d, "host")),
        d -> "grant network access to " + text(d, "host")));
    tools.add(permission("grant-environment-variable-permission",
        "Lets a component read an environment variable of the server (needs the user's approval).",
        Map.of("key", string("The variable's name")), List.of("key"), true,
        (editor, d) -> editor.grantEnvironment(text(d, "key")),
        d -> "let it read the environment variable " + text(d, "key")));
    tools.add(permission("revoke-storage-permission", "Revokes a component's storage access to a fs:// URI.",
        Map.of("uri", string("The URI as granted")), List.of("uri"), false,
        (editor, d) -> editor.revokeStorage(text(d, "uri")), d -> "revoke storage " + text(d, "uri")));
    tools.add(permission("revoke-network-permission", "Revokes a component's network access to a host.",
        Map.of("host", string("The host as granted")), List.of("host"), false,
        (editor, d) -> editor.revokeNetwork(text(d, "host")), d -> "revoke network access to " + text(d, "host")));
    tools.add(permission("revoke-environment-variable-permission", "Revokes a component's access to an environment variable.",
        Map.of("key", string("The variable's name")), List.of("key"), false,
        (editor, d) -> editor.revokeEnvironment(text(d, "key")), d -> "revoke the environment variable " + text(d, "key")));
    tools.add(tool("reset-permission", "Removes every permission of a component: afterwards it is granted nothing.",
        schema(Map.of("component_id", string("The component id")), List.of("component_id")),
        (exchange, args, progress) -> reset(exchange, args)));
    return tools;
  }

  // --- tools ---

  private CallToolResult load(McpSyncServerExchange exchange, Map<String, Object> args, Progress progress) {
    String source = text(args, "path");
    try {
      ComponentInstaller install = installer.get();
      progress.step(0, "fetching and verifying " + source);
      InstalledComponent pulled = install.fetch(source, false);
      progress.step(1, "verified: " + pulled.signature().description());
      Optional<String> grants = grantsOf(pulled);
      if (!pulled.signature().verified() || grants.isPresent()) {
        ApprovalGate.Decision decision = approvals.ask(exchange, loadRequest(pulled.source(), pulled, grants),
            "load it with `corral component load " + source + "`");
        if (!decision.approved()) {
          return error("load-component " + source + ": " + decision.reason());
        }
      }
      progress.step(2, "compiling and linking");
      ComponentInstaller.Installed result = install.install(source, pulled, Optional.empty());
      LoadedComponent component = loader.load(result.file());
      registry.put(component);
      progress.step(3, "loaded " + component.id());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", component.id());
      out.put("source", pulled.source());
      out.put("signature", pulled.signature().description());
      out.put("tools", component.tools().stream().map(ToolDefinition::name).toList());
      return ok("loaded " + component.id() + " (" + component.tools().size() + " tools)", out);
    } catch (ComponentLoadException | IllegalStateException e) {
      return error("load-component failed: " + e.getMessage());
    }
  }

  /**
   * What loading {@code pulled} asks the user to approve: installing code that no trusted key
   * signed, and whatever its own policy grants.
   */
  private static String loadRequest(String source, InstalledComponent pulled, Optional<String> grants) {
    String what = pulled.signature().verified()
        ? "load the component " + source
        : "load the unsigned component " + source + " (" + pulled.signature().description() + ") and install it";
    return what + grants.map(g -> (pulled.signature().verified() ? ", whose policy grants: " : ", with its policy granting: ") + g)
        .orElse("");
  }

  private Optional<String> grantsOf(InstalledComponent pulled) throws ComponentLoadException {
    if (pulled.policy().isEmpty()) {
      return Optional.empty();
    }
    try {
      Policy policy = PolicyParser.parse(pulled.policy().get());
      Map<String, Object> plain = PolicyWriter.toPlain(policy);
      Object permissions = plain.get("permissions");
      boolean grantsNothing = policy.storage().allow().isEmpty() && policy.network().allow().isEmpty()
          && policy.environment().allow().isEmpty() && policy.secrets().isEmpty();
      return grantsNothing ? Optional.empty() : Optional.of(json.writeValueAsString(permissions));
    } catch (PolicyException | IOException e) {
      throw new ComponentLoadException(pulled.policy().get(), "its policy is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Stops serving a component; an installed one is uninstalled too (its file and policy
   * removed), while a file served from elsewhere (--component, a sample) stays where it is.
   */
  private CallToolResult unload(Map<String, Object> args) {
    String id = text(args, "id");
    Optional<? extends ComponentStatus> removed = registry.remove(id);
    if (removed.isEmpty()) {
      removed = registry.removeUnserved(id);
    }
    if (removed.isEmpty()) {
      return error("unload-component: no loaded component '" + id + "'");
    }
    if (!installed.holds(removed.get())) {
      return ok("unloaded " + id + " (" + removed.get().source() + " was not installed: it stays)",
          Map.of("id", id, "uninstalled", false));
    }
    try {
      installed.remove(id);
    } catch (IOException e) {
      log.warn("unloaded {} but could not remove its files from {}: {}", id, installed.path(), e.getMessage());
    }
    return ok("unloaded " + id, Map.of("id", id, "uninstalled", true));
  }

  private CallToolResult list() {
    recheck.run();
    List<Map<String, Object>> components = new ArrayList<>();
    for (LoadedComponent component : registry.all()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", component.id());
      entry.put("source", component.source().toString());
      entry.put("policy_file", component.policy().file().toString());
      entry.put("tools", component.tools().stream().map(ToolDefinition::name).toList());
      entry.put("served", true);
      components.add(entry);
    }
    List<UnservedComponent> unserved = registry.unserved();
    StringBuilder text = new StringBuilder(registry.all().size() + " component(s)");
    if (!unserved.isEmpty()) {
      text.append("; not served: ").append(unserved.size());
    }
    for (UnservedComponent component : unserved) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", component.id());
      entry.put("source", component.source().toString());
      entry.put("policy_file", ComponentLoader.policyFile(component.source()).toString());
      entry.put("tools", List.of());
      entry.put("served", false);
      entry.put("reason", component.reasonLine());
      components.add(entry);
      text.append("\n").append(component.report());
    }
    return ok(text.toString(), Map.of("components", components));
  }

  private CallToolResult search(Map<String, Object> args) {
    Object query = args.get("query");
    List<Map<String, Object>> found = catalogue.search(query == null ? "" : query.toString());
    return ok(found.size() + " known component(s)", Map.of("components", found));
  }

  private CallToolResult getPolicy(Map<String, Object> args) {
    Optional<LoadedComponent> component = registry.get(text(args, "component_id"));
    if (component.isEmpty()) {
      return error("get-policy: no loaded component '" + text(args, "component_id") + "'");
    }
    Path file = component.get().policy().file();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("component_id", component.get().id());
    out.put("policy_file", file.toString());
    out.put("policy", PolicyWriter.toPlain(component.get().policy().current()));
    component.get().policy().lastError().ifPresent(e -> out.put("error", e.getMessage()));
    String text = Files.exists(file) ? readOr(file) : "no policy file: nothing is granted";
    return ok(text, out);
  }

  private CallToolResult reset(McpSyncServerExchange exchange, Map<String, Object> args) {
    return edit(exchange, args, Map.of(), false, (editor, d) -> editor.reset(), d -> "remove every permission");
  }

  // --- permission edits ---

  @FunctionalInterface
  private interface PolicyEdit {
    EditResult apply(PolicyEditor editor, Map<String, Object> details) throws IOException, PolicyException;
  }

  @FunctionalInterface
  private interface Describe {
    String of(Map<String, Object> details);
  }

  private SyncToolSpecification permission(String name, String description, Map<String, Object> detailProperties,
      List<String> required, boolean needsApproval, PolicyEdit edit, Describe describe) {
    Map<String, Object> details = new LinkedHashMap<>(schema(detailProperties, required));
    details.put("description", "What to grant or revoke");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("component_id", string("The component id"));
    properties.put("details", details);
    return tool(name, description, schema(properties, List.of("component_id", "details")),
        (exchange, args, progress) -> {
          Object raw = args.get("details");
          if (!(raw instanceof Map<?, ?> map)) {
            return error(name + ": 'details' must be an object with " + required);
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> d = (Map<String, Object>) map;
          return edit(exchange, args, d, needsApproval, edit, describe);
        });
  }

  private CallToolResult edit(McpSyncServerExchange exchange, Map<String, Object> args, Map<String, Object> details,
      boolean needsApproval, PolicyEdit edit, Describe describe) {
    String id = text(args, "component_id");
    Optional<LoadedComponent> component = registry.get(id);
    if (component.isEmpty()) {
      return error("no loaded component '" + id + "' (see list-components)");
    }
    String what;
    try {
      what = describe.of(details);
    } catch (IllegalArgumentException e) {
      return error(e.getMessage());
    }
    if (needsApproval) {
      ApprovalGate.Decision decision = approvals.ask(exchange, what + " for the component " + id,
          "grant it with `corral permission grant ...`");
      if (!decision.approved()) {
        return error(what + " for " + id + ": " + decision.reason());
      }
    }
    PolicyEditor editor = editorOf(component.get());
    try {
      EditResult result = edit.apply(editor, details);
      log.info("{}: {} ({})", id, what, result.changed() ? "changed" : "unchanged");
      return ok((result.changed() ? "done: " : "already so: ") + what + " for " + id,
          Map.of("component_id", id, "changed", result.changed(), "policy", PolicyWriter.toPlain(result.policy())));
    } catch (PolicyException e) {
      return error(what + " for " + id + " failed: " + e.getMessage());
    } catch (IOException e) {
      return error(what + " for " + id + " failed: cannot write " + editor.file() + ": " + e.getMessage());
    }
  }

  // --- helpers ---

  /**
   * The editor of {@code component}'s policy: an installed component's is its policy store's (one
   * per component, so this process's edits of it are serialized); a component served from
   * elsewhere (a sample, a --component file) gets one for the policy file beside it.
   */
  private PolicyEditor editorOf(LoadedComponent component) {
    return installed.holds(component)
        ? installed.policies().editor(component.id())
        : new PolicyEditor(component.policy().file());
  }

  private static String readOr(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "cannot read " + file + ": " + e.getMessage();
    }
  }

  private static String text(Map<String, Object> args, String key) {
    Object value = args == null ? null : args.get(key);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException("'" + key + "' must be a non-empty string");
    }
    return s;
  }

  private static Set<Access> accesses(Map<String, Object> details) {
    Object raw = details.get("access");
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException("'access' must be a non-empty list of \"read\" and \"write\"");
    }
    Set<Access> access = EnumSet.noneOf(Access.class);
    for (Object item : list) {
      access.add(Access.fromYaml(String.valueOf(item).toLowerCase(Locale.ROOT)).orElseThrow(
          () -> new IllegalArgumentException("'access' items must be \"read\" or \"write\", got " + item)));
    }
    return access;
  }

  private static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", required);
    schema.put("additionalProperties", false);
    return schema;
  }

  @FunctionalInterface
  private interface Handler {
    CallToolResult handle(McpSyncServerExchange exchange, Map<String, Object> args, Progress progress);
  }

  /** Progress notifications for a request that asked for them (it sent a progress token). */
  private record Progress(McpSyncServerExchange exchange, Object token, double total) {
    void step(double done, String message) {
      if (token != null) {
        exchange.progressNotification(new McpSchema.ProgressNotification(token, done, total, message));
      }
    }
  }

  private SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema, Handler handler) {
    McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(inputSchema).build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> {
          Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
          try {
            Object token = request.meta() == null ? null : request.meta().get("progressToken");
            return handler.handle(exchange, args, new Progress(exchange, token, 3));
          } catch (IllegalArgumentException e) {
            return error(name + ": " + e.getMessage());
          }
        })
        .build();
  }

  private CallToolResult ok(String text, Map<String, Object> structured) {
    return CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(false).build();
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
