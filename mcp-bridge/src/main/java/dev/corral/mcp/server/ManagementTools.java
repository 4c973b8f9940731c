package dev.corral.mcp.server;

import dev.corral.mcp.component.ComponentDirectory;
import dev.corral.mcp.component.ComponentInstaller;
import dev.corral.mcp.component.ComponentLoadException;
import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.ComponentStatus;
import dev.corral.mcp.component.InstallRecord;
import dev.corral.mcp.component.LoadedComponent;
import dev.corral.mcp.component.UnservedComponent;
import dev.corral.oci.Digest;
import dev.corral.oci.InstalledComponent;
import dev.corral.policy.Access;
import dev.corral.policy.ComponentIds;
import dev.corral.policy.ControlCharacters;
import dev.corral.policy.EditResult;
import dev.corral.policy.OffLimits;
import dev.corral.policy.Policy;
import dev.corral.policy.PolicyEditor;
import dev.corral.policy.PolicyException;
import dev.corral.policy.PolicyParser;
import dev.corral.policy.PolicyWriter;
import dev.corral.schema.tools.ToolDefinition;
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
  private final OffLimits offLimits;
  private volatile Runnable recheck = () -> {};

  /**
   * {@code offLimits}: Corral's own variables and directories, which no grant may name (refused
   * before asking).
   */
  public ManagementTools(
      JsonMapper json,
      ComponentRegistry registry,
      ComponentLoader loader,
      Supplier<ComponentInstaller> installer,
      ComponentDirectory installed,
      Catalogue catalogue,
      ApprovalGate approvals,
      OffLimits offLimits) {
    this.json = json;
    this.registry = registry;
    this.loader = loader;
    this.installer = installer;
    this.installed = installed;
    this.catalogue = catalogue;
    this.approvals = approvals;
    this.offLimits = offLimits;
  }

  /**
   * Runs {@code check} before listing components, so the list shows what a fixed file brought back.
   */
  public void recheckWith(Runnable check) {
    this.recheck = check;
  }

  /** The names of the built-in tools, which component tools may not take. */
  public static final Set<String> NAMES =
      Set.of(
          "load-component",
          "unload-component",
          "list-components",
          "search-components",
          "get-policy",
          "grant-storage-permission",
          "grant-network-permission",
          "grant-environment-variable-permission",
          "revoke-storage-permission",
          "revoke-network-permission",
          "revoke-environment-variable-permission",
          "reset-permission");

  /** The tool specifications. */
  public List<SyncToolSpecification> specifications() {
    List<SyncToolSpecification> tools = new ArrayList<>();
    tools.add(
        tool(
            "load-component",
            "Loads a WebAssembly component as tools, from a file path, file://, https:// or oci://REGISTRY/REPO:TAG"
                + " (OCI artifacts must be signed by a key Corral trusts). It is installed, so it is served again after a restart.",
            schema(Map.of("path", string("Where the component comes from")), List.of("path")),
            this::load));
    tools.add(
        tool(
            "unload-component",
            "Unloads a component and removes its tools; an installed one is uninstalled, with its policy and secrets.",
            schema(Map.of("id", string("The component id (see list-components)")), List.of("id")),
            (exchange, args, progress) -> unload(args)));
    tools.add(
        tool(
            "list-components",
            "Lists the components with their tools and policy files, and those not served with the reason.",
            schema(Map.of(), List.of()),
            (exchange, args, progress) -> list()));
    tools.add(
        tool(
            "search-components",
            "Searches the catalogue of known components that load-component can fetch.",
            schema(
                Map.of("query", string("Words to look for in names and descriptions (optional)")),
                List.of()),
            (exchange, args, progress) -> search(args)));
    tools.add(
        tool(
            "get-policy",
            "Shows the policy that grants a component its permissions.",
            schema(Map.of("component_id", string("The component id")), List.of("component_id")),
            (exchange, args, progress) -> getPolicy(args)));
    tools.add(
        permission(
            "grant-storage-permission",
            "Grants a component access to files under a fs:// URI (needs the user's approval).",
            Map.of(
                "uri",
                string("fs:///absolute/path, or a glob such as fs:///data/**/*.csv"),
                "access",
                Map.of(
                    "type",
                    "array",
                    "items",
                    Map.of("type", "string", "enum", List.of("read", "write")),
                    "description",
                    "read and/or write")),
            List.of("uri", "access"),
            true,
            (editor, d) -> editor.grantStorage(text(d, "uri"), accesses(d)),
            d ->
                "grant "
                    + accesses(d).stream().map(Access::yamlName).toList()
                    + " access to "
                    + ApprovalQuestion.quote(text(d, "uri")),
            (d, dir) -> offLimits.refusesStorage(text(d, "uri"), dir)));
    tools.add(
        permission(
            "grant-network-permission",
            "Grants a component network access to a host (needs the user's approval).",
            Map.of(
                "host",
                string(
                    "example.com, *.example.com, a CIDR range such as 10.0.0.0/8, or an address")),
            List.of("host"),
            true,
            (editor, d) -> editor.grantNetwork(text(d, "host")),
            d -> "grant network access to " + ApprovalQuestion.quote(text(d, "host"))));
    tools.add(
        permission(
            "grant-environment-variable-permission",
            "Lets a component read an environment variable of the server (needs the user's approval).",
            Map.of("key", string("The variable's name")),
            List.of("key"),
            true,
            (editor, d) -> editor.grantEnvironment(text(d, "key")),
            d -> "let it read the environment variable " + ApprovalQuestion.quote(text(d, "key")),
            (d, dir) -> offLimits.refusesVariable(text(d, "key"))));
    tools.add(
        permission(
            "revoke-storage-permission",
            "Revokes a component's storage access to a fs:// URI.",
            Map.of("uri", string("The URI as granted")),
            List.of("uri"),
            false,
            (editor, d) -> editor.revokeStorage(text(d, "uri")),
            d -> "revoke storage " + ApprovalQuestion.quote(text(d, "uri"))));
    tools.add(
        permission(
            "revoke-network-permission",
            "Revokes a component's network access to a host.",
            Map.of("host", string("The host as granted")),
            List.of("host"),
            false,
            (editor, d) -> editor.revokeNetwork(text(d, "host")),
            d -> "revoke network access to " + ApprovalQuestion.quote(text(d, "host"))));
    tools.add(
        permission(
            "revoke-environment-variable-permission",
            "Revokes a component's access to an environment variable.",
            Map.of("key", string("The variable's name")),
            List.of("key"),
            false,
            (editor, d) -> editor.revokeEnvironment(text(d, "key")),
            d -> "revoke the environment variable " + ApprovalQuestion.quote(text(d, "key"))));
    tools.add(
        tool(
            "reset-permission",
            "Removes every permission of a component: afterwards it is granted nothing.",
            schema(Map.of("component_id", string("The component id")), List.of("component_id")),
            (exchange, args, progress) -> reset(exchange, args)));
    return tools;
  }

  // --- tools ---

  /**
   * {@code load-component}. Nothing is opened, downloaded or connected to before the user approved
   * the load, unless the source is an OCI artifact in a repository with trusted keys, whose
   * signature is checked first. Over an installed id, a different component is a new install: what
   * the installed one had (its grants, secrets, raised limits) carries over only with the user's
   * approval, asked showing both digests; a rollback is refused.
   */
  private CallToolResult load(
      McpSyncServerExchange exchange, Map<String, Object> args, Progress progress) {
    String source = text(args, "path");
    String byHand = "load it with `corral component load " + source + "`";
    try {
      ComponentInstaller install = installer.get();
      String normalized = ComponentInstaller.normalize(source);
      String id = ComponentInstaller.defaultId(normalized);
      if (!ComponentIds.isValid(id)) {
        return error(
            "load-component "
                + source
                + ": invalid component id "
                + ApprovalQuestion.quote(id)
                + " ("
                + ComponentIds.ALLOWED
                + ")");
      }
      Optional<ComponentInstaller.Current> current = install.current(id);
      boolean verifiable = install.isVerifiable(normalized);
      if (normalized.startsWith("oci://") && !verifiable) {
        return error(
            "load-component "
                + source
                + ": refused: no key is trusted for this repository, and an agent may load"
                + " only OCI artifacts signed by a trusted key (nothing was fetched); add a rule to trust.json, or load it with"
                + " `corral component load "
                + source
                + " --key PUB`");
      }
      if (!verifiable) {
        ApprovalGate.Decision decision =
            approvals.ask(
                exchange,
                ApprovalQuestion.asking("fetch and install an unsigned component")
                    .quoted("component", id)
                    .quoted("source", normalized)
                    .fact(
                        "digest",
                        "not known yet: Corral opens and downloads nothing before you approve")
                    .fact(
                        "signature",
                        "none ("
                            + (normalized.startsWith("https://")
                                ? "an https download"
                                : "a local file")
                            + " is not signed)")
                    .fact("replaces", replaces(current))
                    .fact(
                        "permissions",
                        "none now; if it brings a policy, or replaces a component that has grants or secrets, "
                            + "you are asked again, with its digest")
                    .build(),
                byHand);
        if (!decision.approved()) {
          return error("load-component " + source + ": " + decision.reason());
        }
      }
      progress.step(0, "fetching and verifying " + source);
      InstalledComponent pulled = install.fetch(source, false);
      progress.step(1, "verified: " + pulled.signature().description());
      install.checkNotRollback(id, pulled);
      Optional<ApprovalQuestion> question = loadQuestion(id, pulled, current);
      if (question.isPresent()) {
        ApprovalGate.Decision decision = approvals.ask(exchange, question.get(), byHand);
        if (!decision.approved()) {
          return error("load-component " + source + ": " + decision.reason());
        }
      }
      progress.step(2, "compiling and linking");
      ComponentInstaller.Installed result = install.install(source, pulled, Optional.of(id));
      LoadedComponent component = loader.load(result.file());
      registry.put(component);
      progress.step(3, "loaded " + component.id());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", component.id());
      out.put("source", pulled.source());
      out.put("digest", pulled.digest().toString());
      result.replaced().ifPresent(r -> out.put("replaced", r));
      out.put("signature", pulled.signature().description());
      out.put("tools", component.tools().stream().map(ToolDefinition::name).toList());
      return ok("loaded " + component.id() + " (" + component.tools().size() + " tools)", out);
    } catch (ComponentLoadException | IllegalStateException e) {
      return error("load-component failed: " + e.getMessage());
    }
  }

  /**
   * The question loading {@code pulled} as {@code id} needs once it is fetched, if any: when the
   * policy it would run under (the installed one's, kept, else its own) grants anything, names a
   * secret or raises a limit, and that is new: a new install bringing such a policy, or a different
   * component arriving under an installed id that has grants, secrets or raised limits.
   */
  private Optional<ApprovalQuestion> loadQuestion(
      String id, InstalledComponent pulled, Optional<ComponentInstaller.Current> current)
      throws ComponentLoadException {
    boolean keepsPolicy = current.isPresent() && current.get().hasPolicy();
    Policy inForce =
        keepsPolicy ? current.get().policy() : shipped(pulled).orElse(Policy.denyAll());
    Set<String> secrets = current.map(ComponentInstaller.Current::secrets).orElse(Set.of());
    boolean replacing =
        current.isPresent() && !current.get().digest().equals(pulled.digest().toString());
    boolean carried = replacing && (PolicySummary.grantsAnything(inForce) || !secrets.isEmpty());
    boolean brought = !keepsPolicy && PolicySummary.grantsAnything(inForce);
    if (!carried && !brought) {
      return Optional.empty();
    }
    return Optional.of(
        ApprovalQuestion.asking(
                (replacing ? "replace the installed component " : "install the component ")
                    + ApprovalQuestion.quote(id))
            .quoted("component", id)
            .quoted("source", pulled.source())
            .fact("digest", pulled.digest().toString())
            .fact(
                "signature",
                pulled.signature().verified()
                    ? pulled.signature().description()
                    : "none (" + pulled.signature().description() + ")")
            .fact("replaces", replaces(current))
            .fact(
                "policy",
                keepsPolicy
                    ? "the installed component's, kept" + (replacing ? " for the new code" : "")
                    : pulled.policy().isPresent() ? "shipped with the component" : "none")
            .inForce(PolicySummary.lines(inForce, secrets))
            .build());
  }

  /** What installing over {@code current} replaces, for a question. */
  private static String replaces(Optional<ComponentInstaller.Current> current) {
    if (current.isEmpty()) {
      return "nothing (a new install)";
    }
    String from =
        current
            .get()
            .record()
            .map(InstallRecord::source)
            .filter(s -> !s.isEmpty())
            .map(s -> ", installed from " + ApprovalQuestion.quote(s))
            .orElse("");
    return "the installed "
        + ApprovalQuestion.quote(current.get().id())
        + ", "
        + current.get().digest()
        + from;
  }

  /** The policy shipped with {@code pulled}, parsed; empty if it brings none. */
  private static Optional<Policy> shipped(InstalledComponent pulled) throws ComponentLoadException {
    if (pulled.policy().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PolicyParser.parse(pulled.policy().get()));
    } catch (PolicyException | IOException e) {
      throw new ComponentLoadException(
          pulled.policy().get(), "its policy is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Stops serving a component; an installed one is uninstalled too (its file, policy, install
   * record and secrets removed, so that nothing of it carries over to a later component under the
   * same id), while a file served from elsewhere (--component, a sample) stays where it is.
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
      return ok(
          "unloaded " + id + " (" + removed.get().source() + " was not installed: it stays)",
          Map.of("id", id, "uninstalled", false));
    }
    try {
      installed.remove(id);
    } catch (IOException e) {
      log.warn(
          "unloaded {} but could not remove its files from {}: {}",
          id,
          installed.path(),
          e.getMessage());
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
    return edit(
        exchange,
        args,
        Map.of(),
        false,
        (editor, d) -> editor.reset(),
        d -> "remove every permission",
        (d, dir) -> Optional.empty());
  }

  // --- permission edits ---

  @FunctionalInterface
  private interface PolicyEdit {
    EditResult apply(PolicyEditor editor, Map<String, Object> details)
        throws IOException, PolicyException;
  }

  @FunctionalInterface
  private interface Describe {
    String of(Map<String, Object> details);
  }

  /** Why a grant may not be made at all (before the user is asked), if it may not. */
  @FunctionalInterface
  private interface Refusal {
    Optional<String> of(Map<String, Object> details, Path policyDirectory);
  }

  private SyncToolSpecification permission(
      String name,
      String description,
      Map<String, Object> detailProperties,
      List<String> required,
      boolean needsApproval,
      PolicyEdit edit,
      Describe describe) {
    return permission(
        name,
        description,
        detailProperties,
        required,
        needsApproval,
        edit,
        describe,
        (d, dir) -> Optional.empty());
  }

  private SyncToolSpecification permission(
      String name,
      String description,
      Map<String, Object> detailProperties,
      List<String> required,
      boolean needsApproval,
      PolicyEdit edit,
      Describe describe,
      Refusal refusal) {
    Map<String, Object> details = new LinkedHashMap<>(schema(detailProperties, required));
    details.put("description", "What to grant or revoke");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("component_id", string("The component id"));
    properties.put("details", details);
    return tool(
        name,
        description,
        schema(properties, List.of("component_id", "details")),
        (exchange, args, progress) -> {
          Object raw = args.get("details");
          if (!(raw instanceof Map<?, ?> map)) {
            return error(name + ": 'details' must be an object with " + required);
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> d = (Map<String, Object>) map;
          return edit(exchange, args, d, needsApproval, edit, describe, refusal);
        });
  }

  private CallToolResult edit(
      McpSyncServerExchange exchange,
      Map<String, Object> args,
      Map<String, Object> details,
      boolean needsApproval,
      PolicyEdit edit,
      Describe describe,
      Refusal refusal) {
    String id = text(args, "component_id");
    Optional<LoadedComponent> component = registry.get(id);
    if (component.isEmpty()) {
      return error("no loaded component '" + id + "' (see list-components)");
    }
    String what;
    Optional<String> refused;
    try {
      what = describe.of(details);
      refused = refusal.of(details, editorOf(component.get()).file().toAbsolutePath().getParent());
    } catch (IllegalArgumentException e) {
      return error(e.getMessage());
    }
    if (refused.isPresent()) {
      log.warn("{}: {} refused: {}", id, what, refused.get());
      return error(what + " for " + id + ": refused: " + refused.get());
    }
    PolicyEditor editor = editorOf(component.get());
    if (needsApproval) {
      Policy after;
      try {
        after = preview(editor, edit, details);
      } catch (PolicyException e) {
        return error(what + " for " + id + " failed: " + e.getMessage());
      } catch (IOException e) {
        return error(
            what + " for " + id + " failed: cannot read " + editor.file() + ": " + e.getMessage());
      }
      ApprovalGate.Decision decision =
          approvals.ask(
              exchange,
              grantQuestion(component.get(), what, after),
              "grant it with `corral permission grant ...`");
      if (!decision.approved()) {
        return error(what + " for " + id + ": " + decision.reason());
      }
    }
    try {
      EditResult result = edit.apply(editor, details);
      log.info("{}: {} ({})", id, what, result.changed() ? "changed" : "unchanged");
      return ok(
          (result.changed() ? "done: " : "already so: ") + what + " for " + id,
          Map.of(
              "component_id",
              id,
              "changed",
              result.changed(),
              "policy",
              PolicyWriter.toPlain(result.policy())));
    } catch (PolicyException e) {
      return error(what + " for " + id + " failed: " + e.getMessage());
    } catch (IOException e) {
      return error(
          what + " for " + id + " failed: cannot write " + editor.file() + ": " + e.getMessage());
    }
  }

  /**
   * The question for a permission change of {@code component}: the component (id, source, digest),
   * the change, and everything that would be in force after it.
   */
  private ApprovalQuestion grantQuestion(LoadedComponent component, String what, Policy after) {
    String digest;
    try {
      digest = Digest.sha256(component.source()).toString();
    } catch (IOException e) {
      digest = "unknown (cannot read " + component.source() + ": " + e.getMessage() + ")";
    }
    Set<String> secrets = Set.of();
    String source = component.source().toUri().toString();
    if (installed.holds(component)) {
      source =
          InstallRecord.read(installed.installRecordFile(component.id()))
              .map(InstallRecord::source)
              .filter(s -> !s.isEmpty())
              .orElse(source);
      try {
        secrets = installed.policies().secrets().names(component.id());
      } catch (IOException e) {
        log.warn("cannot list the secrets of {}: {}", component.id(), e.getMessage());
      }
    }
    return ApprovalQuestion.asking(
            "change the permissions of the component " + ApprovalQuestion.quote(component.id()))
        .quoted("component", component.id())
        .quoted("source", source)
        .fact("digest", digest)
        .fact("change", what)
        .inForce(PolicySummary.lines(after, secrets))
        .build();
  }

  /**
   * The policy {@code edit} would leave, worked out on a copy of the policy file in a temporary
   * directory (the file itself is not touched); a bad argument is refused here, before anyone is
   * asked.
   */
  private static Policy preview(PolicyEditor editor, PolicyEdit edit, Map<String, Object> details)
      throws IOException, PolicyException {
    Path directory = Files.createTempDirectory("corral-preview-");
    Path copy = directory.resolve(editor.file().getFileName());
    try {
      if (Files.exists(editor.file())) {
        Files.copy(editor.file(), copy);
      }
      return edit.apply(new PolicyEditor(copy), details).policy();
    } finally {
      try (var left = Files.list(directory)) { // the copy and whatever the editor kept beside it
        for (Path file : left.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(directory);
    }
  }

  // --- helpers ---

  /**
   * The editor of {@code component}'s policy: an installed component's is its policy store's (one
   * per component, so this process's edits of it are serialized); a component served from elsewhere
   * (a sample, a --component file) gets one for the policy file beside it.
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

  /**
   * The string argument {@code key}: non-empty, and without control characters (line breaks, tabs,
   * escapes, bidirectional controls: {@link ControlCharacters}), which could change how it looks in
   * a question, a policy file or a log.
   */
  private static String text(Map<String, Object> args, String key) {
    Object value = args == null ? null : args.get(key);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException("'" + key + "' must be a non-empty string");
    }
    Optional<String> control = ControlCharacters.first(s);
    if (control.isPresent()) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' contains the control character "
              + control.get()
              + "; values may not hold line breaks, tabs or other control characters");
    }
    return s;
  }

  private static Set<Access> accesses(Map<String, Object> details) {
    Object raw = details.get("access");
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException(
          "'access' must be a non-empty list of \"read\" and \"write\"");
    }
    Set<Access> access = EnumSet.noneOf(Access.class);
    for (Object item : list) {
      access.add(
          Access.fromYaml(String.valueOf(item).toLowerCase(Locale.ROOT))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'access' items must be \"read\" or \"write\", got " + item)));
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
    CallToolResult handle(
        McpSyncServerExchange exchange, Map<String, Object> args, Progress progress);
  }

  /** Progress notifications for a request that asked for them (it sent a progress token). */
  private record Progress(McpSyncServerExchange exchange, Object token, double total) {
    void step(double done, String message) {
      if (token != null) {
        exchange.progressNotification(
            new McpSchema.ProgressNotification(token, done, total, message));
      }
    }
  }

  private SyncToolSpecification tool(
      String name, String description, Map<String, Object> inputSchema, Handler handler) {
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name(name)
            .description(description)
            .inputSchema(inputSchema)
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              Map<String, Object> args =
                  request.arguments() == null ? Map.of() : request.arguments();
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
    return CallToolResult.builder()
        .addTextContent(text)
        .structuredContent(structured)
        .isError(false)
        .build();
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
