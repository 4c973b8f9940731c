package dev.corral.mcp.component;

import dev.corral.oci.OciComponents;
import dev.corral.policy.LivePolicy;
import dev.corral.policy.PolicyException;
import dev.corral.policy.PolicyParser;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.runtime.CodeCache;
import dev.corral.sandbox.runtime.ComponentCache;
import dev.corral.sandbox.runtime.Execution;
import dev.corral.schema.tools.ToolCatalog;
import dev.corral.schema.wit.ComponentDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a component file and the policy beside it, decodes and links the component against the WASI
 * host, and describes its exports as MCP tools. Every failure is a {@link ComponentLoadException}
 * naming the file and the reason: a component whose policy is broken is not loaded at all (fail
 * closed).
 */
public final class ComponentLoader {
  private static final Logger log = LoggerFactory.getLogger(ComponentLoader.class);

  private final ComponentCache cache;

  /** A loader that compiles components afresh in every run. */
  public ComponentLoader() {
    this(CodeCache.none());
  }

  /** A loader that keeps compiled code in {@code codeCache} across runs. */
  public ComponentLoader(CodeCache codeCache) {
    this.cache = new ComponentCache(Execution.TIERED, codeCache);
  }

  /**
   * Loads {@code file}; its id is the file name without {@code .wasm}. Files with the same bytes
   * share one decoded and compiled component (this loader's cache, keyed by digest).
   */
  public LoadedComponent load(Path file) throws ComponentLoadException {
    return load(file, read(file));
  }

  /**
   * Loads {@code file} from {@code bytes}, its content as read (and checked) by the caller: what is
   * checked is what runs.
   */
  public LoadedComponent load(Path file, byte[] bytes) throws ComponentLoadException {
    ComponentDescription description = describe(file, bytes);
    LivePolicy policy = policyBeside(file);
    ToolCatalog catalog = description.catalog();
    catalog.skipped().forEach(skipped -> log.info("not offered as a tool: {}", skipped));
    catalog.renamings().forEach(renaming -> log.info("{}", renaming));
    return new LoadedComponent(
        description.id(),
        file,
        description.sandboxed(),
        description.docs(),
        policy,
        catalog.tools());
  }

  /**
   * Reads, decodes and links {@code file} and describes its exports, without reading its policy
   * (for {@code corral inspect}, which shows types, not capabilities).
   */
  public ComponentDescription describe(Path file) throws ComponentLoadException {
    return describe(file, read(file));
  }

  private ComponentDescription describe(Path file, byte[] bytes) throws ComponentLoadException {
    SandboxedComponent sandboxed;
    try {
      sandboxed = SandboxedComponent.of(cache.compile(bytes));
    } catch (ComponentDecodeException e) {
      throw new ComponentLoadException(file, "not a valid component: " + e.getMessage(), e);
    } catch (LinkException e) {
      throw new ComponentLoadException(file, "cannot link: " + e.getMessage(), e);
    }
    ComponentDocs docs;
    try {
      docs = ComponentDocs.of(sandboxed.compiled().component());
    } catch (ComponentDecodeException e) {
      log.warn("{}: ignoring its package-docs sections: {}", file, e.getMessage());
      docs = ComponentDocs.none();
    }
    return new ComponentDescription(
        idOf(file), file, sandboxed, docs, ToolCatalog.of(sandboxed.compiled(), docs));
  }

  /**
   * Checks the policy beside {@code file} as {@link #load} does: empty if there is none or it is
   * valid, else why {@code load} refuses the component (e.g. "its policy is invalid: ...").
   */
  public static Optional<String> policyProblem(Path file) {
    Path policyFile = policyFile(file);
    if (!Files.exists(policyFile)) {
      return Optional.empty();
    }
    try {
      PolicyParser.parse(policyFile);
      return Optional.empty();
    } catch (PolicyException e) {
      return Optional.of("its policy is invalid: " + e.getMessage());
    } catch (IOException e) {
      return Optional.of("cannot read its policy " + policyFile + ": " + e.getMessage());
    }
  }

  /**
   * The policy of the component stored at {@code file}: {@code ID.policy.yaml} beside it (ID:
   * {@link #idOf}).
   */
  public static Path policyFile(Path file) {
    return OciComponents.policyBeside(file);
  }

  /**
   * The live policy beside {@code file}: no file means deny-all; a broken file refuses the load
   * (fail closed). Later broken edits keep the last good policy, see {@link LivePolicy}.
   */
  private static LivePolicy policyBeside(Path file) throws ComponentLoadException {
    Optional<String> problem = policyProblem(file);
    if (problem.isPresent()) {
      throw new ComponentLoadException(file, problem.get(), null);
    }
    return new LivePolicy(policyFile(file));
  }

  private static byte[] read(Path file) throws ComponentLoadException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ComponentLoadException(file, "no such file", e);
    } catch (IOException e) {
      throw new ComponentLoadException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /** The component id for a file: its name without the {@code .wasm} extension. */
  public static String idOf(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".wasm") ? name.substring(0, name.length() - ".wasm".length()) : name;
  }
}
