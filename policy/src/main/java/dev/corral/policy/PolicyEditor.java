package dev.corral.policy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants, revokes and resets permissions in one policy file. Every edit validates its arguments and
 * the resulting policy before writing, writes atomically (temp file, fsync, rename), and leaves the
 * old file untouched on any failure. Edits change only the lines of the values they touch, so
 * comments and layout survive; when the file's layout is beyond that (or the in-place result would
 * not parse to exactly the intended policy), the file is rewritten in canonical form and {@link
 * EditResult#commentsKept()} is false. A missing file is the deny-all policy, so the first grant
 * creates it.
 *
 * <p>Edits through one instance are serialized; separate processes are serialized by a lock file
 * ({@code .NAME.lock}) beside the policy. Use one instance per file within a JVM.
 */
public final class PolicyEditor {
  private static final Logger log = LoggerFactory.getLogger(PolicyEditor.class);

  private final Path file;

  public PolicyEditor(Path policyFile) {
    this.file = policyFile.toAbsolutePath().normalize();
  }

  public Path file() {
    return file;
  }

  // ---- storage ------------------------------------------------------------------------------

  /**
   * Allows {@code access} under {@code uri} ({@code fs://...}); merges into an existing rule for
   * the same URI.
   */
  public EditResult grantStorage(String uri, Set<Access> access)
      throws IOException, PolicyException {
    return addStorage("allow", uri, access);
  }

  /**
   * Adds a deny rule: {@code access} under {@code uri} is refused even where an allow rule covers
   * it.
   */
  public EditResult denyStorage(String uri, Set<Access> access)
      throws IOException, PolicyException {
    return addStorage("deny", uri, access);
  }

  /** Removes every allow rule whose URI is exactly {@code uri}. */
  public EditResult revokeStorage(String uri) throws IOException, PolicyException {
    return revokeStorage(uri, EnumSet.allOf(Access.class));
  }

  /**
   * Removes {@code access} from the allow rules whose URI is exactly {@code uri}, dropping rules
   * left empty.
   */
  public EditResult revokeStorage(String uri, Set<Access> access)
      throws IOException, PolicyException {
    requireNonEmpty(access);
    return edit(
        current -> {
          List<StorageRule> allow = new ArrayList<>();
          List<TextStep> steps = new ArrayList<>();
          List<StorageRule> rules = current.storage().allow();
          for (int i = 0; i < rules.size(); i++) {
            StorageRule rule = rules.get(i);
            if (!rule.uri().equals(uri)) {
              allow.add(rule);
              continue;
            }
            Set<Access> left = EnumSet.copyOf(rule.access());
            left.removeAll(access);
            int index = i;
            List<Object> path = List.of("permissions", "storage", "allow", index, "access");
            if (left.isEmpty()) {
              steps.add(0, t -> t.remove(List.of("permissions", "storage", "allow", index)));
            } else {
              allow.add(new StorageRule(rule.uri(), rule.pattern(), left));
              steps.add(0, t -> t.set(path, PolicyWriter.accessList(left)));
            }
          }
          return new Change(
              current.withStorage(new StoragePolicy(allow, current.storage().deny())), steps);
        });
  }

  private EditResult addStorage(String list, String uri, Set<Access> access)
      throws IOException, PolicyException {
    requireNonEmpty(access);
    StorageRule rule =
        argument(
                "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: "
                    + YamlRender.quote(uri)
                    + "\n        access: "
                    + YamlRender.inline(PolicyWriter.accessList(access))
                    + "\n",
                "uri")
            .storage()
            .allow()
            .get(0);
    return edit(
        current -> {
          boolean allow = list.equals("allow");
          List<StorageRule> rules =
              new ArrayList<>(allow ? current.storage().allow() : current.storage().deny());
          List<Object> listPath = List.of("permissions", "storage", list);
          List<TextStep> steps = new ArrayList<>();
          int existing = -1;
          for (int i = 0; i < rules.size() && existing < 0; i++) {
            if (rules.get(i).uri().equals(uri)) {
              existing = i;
            }
          }
          if (existing >= 0) {
            Set<Access> merged = EnumSet.copyOf(rules.get(existing).access());
            merged.addAll(access);
            rules.set(existing, new StorageRule(uri, rule.pattern(), merged));
            int index = existing;
            steps.add(
                t ->
                    t.set(
                        List.of("permissions", "storage", list, index, "access"),
                        PolicyWriter.accessList(merged)));
          } else {
            rules.add(rule);
            steps.add(t -> t.append(listPath, PolicyWriter.storageRule(rule)));
          }
          StoragePolicy storage =
              allow
                  ? new StoragePolicy(rules, current.storage().deny())
                  : new StoragePolicy(current.storage().allow(), rules);
          return new Change(current.withStorage(storage), steps);
        });
  }

  // ---- network ------------------------------------------------------------------------------

  /**
   * Allows connections to {@code target}: a host ({@code api.example.com}), a wildcard ({@code
   * *.example.com}), an IP address, a CIDR range ({@code 10.0.0.0/8}), {@code host:port}, an {@code
   * http(s)://host[:port]} URL, or {@code defaults}.
   */
  public EditResult grantNetwork(String target) throws IOException, PolicyException {
    return grantNetwork(target, List.of(), Set.of());
  }

  /**
   * As {@link #grantNetwork(String)}, narrowed to {@code ports} ({@code "443"}, {@code
   * "8000-8100"}) and {@code schemes}.
   */
  public EditResult grantNetwork(String target, List<String> ports, Set<String> schemes)
      throws IOException, PolicyException {
    return addNetwork("allow", target, ports, schemes);
  }

  /** Adds a deny rule for {@code target} (same forms as {@link #grantNetwork(String)}). */
  public EditResult denyNetwork(String target) throws IOException, PolicyException {
    return denyNetwork(target, List.of(), Set.of());
  }

  /**
   * As {@link #denyNetwork(String)}, narrowed to {@code ports} and {@code schemes} (deny port 25 of
   * a domain, say).
   */
  public EditResult denyNetwork(String target, List<String> ports, Set<String> schemes)
      throws IOException, PolicyException {
    return addNetwork("deny", target, ports, schemes);
  }

  /** Removes every allow rule whose target is {@code target} (whatever its ports and schemes). */
  public EditResult revokeNetwork(String target) throws IOException, PolicyException {
    NetworkTarget parsed = networkArgument(target, List.of(), Set.of()).target();
    return edit(
        current -> {
          List<NetworkRule> allow = new ArrayList<>();
          List<TextStep> steps = new ArrayList<>();
          List<NetworkRule> rules = current.network().allow();
          for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).target().equals(parsed)) {
              int index = i;
              steps.add(0, t -> t.remove(List.of("permissions", "network", "allow", index)));
            } else {
              allow.add(rules.get(i));
            }
          }
          return new Change(
              current.withNetwork(new NetworkPolicy(allow, current.network().deny())), steps);
        });
  }

  private EditResult addNetwork(String list, String target, List<String> ports, Set<String> schemes)
      throws IOException, PolicyException {
    NetworkRule rule = networkArgument(target, ports, schemes);
    return edit(
        current -> {
          boolean allow = list.equals("allow");
          List<NetworkRule> rules =
              new ArrayList<>(allow ? current.network().allow() : current.network().deny());
          if (rules.contains(rule)) {
            return new Change(current, List.of());
          }
          rules.add(rule);
          NetworkPolicy network =
              allow
                  ? new NetworkPolicy(rules, current.network().deny())
                  : new NetworkPolicy(current.network().allow(), rules);
          return new Change(
              current.withNetwork(network),
              List.of(
                  t ->
                      t.append(
                          List.of("permissions", "network", list),
                          PolicyWriter.networkRule(rule))));
        });
  }

  private NetworkRule networkArgument(String target, List<String> ports, Set<String> schemes)
      throws PolicyException {
    Map<String, Object> entry = new LinkedHashMap<>();
    if (target.equals("defaults")) {
      entry.put("defaults", Boolean.TRUE);
    } else if (target.contains("/") && !target.contains("://")) {
      entry.put("cidr", target);
    } else {
      entry.put("host", target);
    }
    if (!ports.isEmpty()) {
      entry.put(
          "ports",
          ports.stream()
              .map(
                  p ->
                      p.chars().allMatch(Character::isDigit) && !p.isEmpty() && p.length() < 6
                          ? (Object) Integer.valueOf(p)
                          : p)
              .toList());
    }
    if (!schemes.isEmpty()) {
      entry.put("schemes", schemes.stream().sorted().map(s -> (Object) s).toList());
    }
    return argument(
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - "
                + YamlRender.inline(entry)
                + "\n",
            "target")
        .network()
        .allow()
        .get(0);
  }

  // ---- environment --------------------------------------------------------------------------

  /** Lets the component see host environment variable {@code key}. */
  public EditResult grantEnvironment(String key) throws IOException, PolicyException {
    argument(
        "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: "
            + YamlRender.quote(key)
            + "\n",
        "key");
    return edit(
        current -> {
          if (current.environment().allows(key)) {
            return new Change(current, List.of());
          }
          List<String> keys = new ArrayList<>(current.environment().allow());
          keys.add(key);
          return new Change(
              current.withEnvironment(new EnvironmentPolicy(keys)),
              List.of(
                  t ->
                      t.append(
                          List.of("permissions", "environment", "allow"), Map.of("key", key))));
        });
  }

  /** Stops the component seeing {@code key}. */
  public EditResult revokeEnvironment(String key) throws IOException, PolicyException {
    return edit(
        current -> {
          List<String> keys = new ArrayList<>();
          List<TextStep> steps = new ArrayList<>();
          List<String> allow = current.environment().allow();
          for (int i = 0; i < allow.size(); i++) {
            if (allow.get(i).equals(key)) {
              int index = i;
              steps.add(0, t -> t.remove(List.of("permissions", "environment", "allow", index)));
            } else {
              keys.add(allow.get(i));
            }
          }
          return new Change(current.withEnvironment(new EnvironmentPolicy(keys)), steps);
        });
  }

  // ---- limits -------------------------------------------------------------------------------

  /**
   * Sets one of Corral's limits, such as {@code setLimit(TIMEOUT, "10s")} or {@code
   * setLimit(MEMORY, "128Mi")}.
   */
  public EditResult setLimit(LimitName name, String value) throws IOException, PolicyException {
    LimitSettings parsed =
        argument(
                "version: \"1.0\"\nlimits:\n  "
                    + name.yamlName()
                    + ": "
                    + YamlRender.quote(value)
                    + "\n",
                "value")
            .limitSettings();
    return edit(
        current -> {
          LimitSettings was = current.limitSettings();
          LimitSettings now =
              switch (name) {
                case TIMEOUT -> new LimitSettings(parsed.timeout(), was.memory(), was.output());
                case MEMORY -> new LimitSettings(was.timeout(), parsed.memory(), was.output());
                case OUTPUT -> new LimitSettings(was.timeout(), was.memory(), parsed.output());
              };
          if (now.equals(was)) {
            return new Change(current, List.of());
          }
          return new Change(
              current.withLimitSettings(now),
              List.of(t -> t.set(List.of("limits", name.yamlName()), value)));
        });
  }

  /** Removes one of Corral's limits, so the default applies again. */
  public EditResult clearLimit(LimitName name) throws IOException, PolicyException {
    return edit(
        current -> {
          LimitSettings was = current.limitSettings();
          LimitSettings now =
              switch (name) {
                case TIMEOUT ->
                    new LimitSettings(java.util.Optional.empty(), was.memory(), was.output());
                case MEMORY ->
                    new LimitSettings(was.timeout(), java.util.Optional.empty(), was.output());
                case OUTPUT ->
                    new LimitSettings(was.timeout(), was.memory(), java.util.Optional.empty());
              };
          return new Change(
              current.withLimitSettings(now),
              List.of(t -> t.remove(List.of("limits", name.yamlName()))));
        });
  }

  // ---- secrets ------------------------------------------------------------------------------

  /**
   * Lets the component read secret {@code name} (from the {@link SecretStore}) as environment
   * variable {@code env}; {@code env} null means the name itself. The value is never written here.
   */
  public EditResult grantSecret(String name, String env) throws IOException, PolicyException {
    String variable = env == null ? name : env;
    SecretRef ref =
        argument(
                "version: \"1.0\"\nsecrets:\n  - name: "
                    + YamlRender.quote(name)
                    + "\n    env: "
                    + YamlRender.quote(variable)
                    + "\n",
                "secret")
            .secrets()
            .get(0);
    return edit(
        current -> {
          if (current.secrets().contains(ref)) {
            return new Change(current, List.of());
          }
          List<SecretRef> secrets = new ArrayList<>(current.secrets());
          List<TextStep> steps = new ArrayList<>();
          int existing = -1;
          for (int i = 0; i < secrets.size(); i++) {
            if (secrets.get(i).name().equals(name)) {
              existing = i;
            }
          }
          if (existing >= 0) {
            secrets.set(existing, ref);
            int index = existing;
            steps.add(t -> t.set(List.of("secrets", index, "env"), ref.env()));
          } else {
            secrets.add(ref);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", ref.name());
            entry.put("env", ref.env());
            steps.add(t -> t.append(List.of("secrets"), entry));
          }
          return new Change(withSecrets(current, secrets), steps);
        });
  }

  /**
   * Stops the component reading secret {@code name} (the stored value is left in the SecretStore).
   */
  public EditResult revokeSecret(String name) throws IOException, PolicyException {
    return edit(
        current -> {
          List<SecretRef> secrets = new ArrayList<>();
          List<TextStep> steps = new ArrayList<>();
          for (int i = 0; i < current.secrets().size(); i++) {
            if (current.secrets().get(i).name().equals(name)) {
              int index = i;
              steps.add(0, t -> t.remove(List.of("secrets", index)));
            } else {
              secrets.add(current.secrets().get(i));
            }
          }
          return new Change(withSecrets(current, secrets), steps);
        });
  }

  private static Policy withSecrets(Policy p, List<SecretRef> secrets) {
    return new Policy(
        p.version(),
        p.description(),
        p.schema(),
        p.storage(),
        p.network(),
        p.environment(),
        p.resources(),
        p.limitSettings(),
        secrets,
        p.inert());
  }

  // ---- reset and replace --------------------------------------------------------------------

  /**
   * Returns the given sections to deny-all (limits to the defaults). With no sections, resets
   * everything; that also works on a file too broken to parse, which it replaces.
   */
  public EditResult reset(PolicySection... sections) throws IOException, PolicyException {
    Set<PolicySection> which =
        sections.length == 0
            ? EnumSet.allOf(PolicySection.class)
            : EnumSet.of(sections[0], sections);
    if (which.size() == PolicySection.values().length) {
      EditResult repaired =
          locked(
              () -> {
                try {
                  load();
                  return null;
                } catch (PolicyException broken) {
                  AtomicFiles.write(file, PolicyWriter.toYaml(Policy.denyAll()));
                  log.info("reset unreadable policy {} to deny-all", file);
                  return new EditResult(true, Policy.denyAll(), false);
                }
              });
      if (repaired != null) {
        return repaired;
      }
    }
    return edit(
        current -> {
          Policy next = current;
          List<TextStep> steps = new ArrayList<>();
          for (PolicySection section : which) {
            switch (section) {
              case STORAGE -> {
                next = next.withStorage(StoragePolicy.DENY_ALL);
                steps.add(t -> t.remove(List.of("permissions", "storage")));
              }
              case NETWORK -> {
                next = next.withNetwork(NetworkPolicy.DENY_ALL);
                steps.add(t -> t.remove(List.of("permissions", "network")));
              }
              case ENVIRONMENT -> {
                next = next.withEnvironment(EnvironmentPolicy.DENY_ALL);
                steps.add(t -> t.remove(List.of("permissions", "environment")));
              }
              case LIMITS -> {
                next = next.withLimitSettings(LimitSettings.NONE).withResources(Resources.NONE);
                steps.add(t -> t.remove(List.of("limits")));
                steps.add(t -> t.remove(List.of("permissions", "resources")));
              }
              case SECRETS -> {
                next = withSecrets(next, List.of());
                steps.add(t -> t.remove(List.of("secrets")));
              }
            }
          }
          return new Change(next, steps);
        });
  }

  /**
   * Replaces the whole file with {@code yaml} after validating it (for policies that arrive with a
   * component).
   */
  public EditResult replace(String yaml) throws IOException, PolicyException {
    Policy policy = PolicyParser.parse(yaml, file.toString(), file.getParent());
    locked(
        () -> {
          AtomicFiles.write(file, yaml);
          return null;
        });
    return new EditResult(true, policy, true);
  }

  /** The policy in the file now ({@link Policy#denyAll()} if there is no file). */
  public Policy load() throws IOException, PolicyException {
    try {
      return PolicyParser.parse(file);
    } catch (NoSuchFileException e) {
      return Policy.denyAll();
    }
  }

  // ---- the edit loop ------------------------------------------------------------------------

  /** One in-place text change. */
  private interface TextStep {
    String apply(YamlTextEdit text) throws YamlTextEdit.Unsupported;
  }

  /** The intended policy and the text steps that should produce it. */
  private record Change(Policy expected, List<TextStep> steps) {}

  private interface Planner {
    Change plan(Policy current);
  }

  private EditResult edit(Planner planner) throws IOException, PolicyException {
    return locked(() -> editLocked(planner));
  }

  private EditResult editLocked(Planner planner) throws IOException, PolicyException {
    String text;
    try {
      text = PolicyParser.readUtf8(file, file.toString());
    } catch (NoSuchFileException e) {
      text = null;
    }
    Policy current =
        text == null
            ? Policy.denyAll()
            : PolicyParser.parse(text, file.toString(), file.getParent());
    Change change = planner.plan(current);
    if (change.expected().equals(current)) {
      return new EditResult(false, current, true);
    }
    String edited = text == null ? null : applyInPlace(text, change.steps(), change.expected());
    boolean kept = edited != null;
    String output = kept ? edited : canonical(text, change.expected());
    Policy written = readBack(output, change.expected(), file);
    AtomicFiles.write(file, output);
    if (!kept) {
      log.info("rewrote {} in canonical form; comments inside the file were not kept", file);
    }
    return new EditResult(true, written, kept);
  }

  /**
   * The policy {@code output} (the text about to be written to {@code file}) holds, which must be
   * exactly {@code expected}: anything else is refused, so the file is never written with a policy
   * other than the one the edit asked for.
   */
  static Policy readBack(String output, Policy expected, Path file) throws PolicyException {
    Policy written = PolicyParser.parse(output, file + " (after edit)", file.getParent());
    if (!written.equals(expected)) {
      throw new PolicyException(
          new PolicyProblem(
              file.toString(),
              0,
              0,
              "",
              "the edited policy does not read back as the intended policy, so the file was left unchanged",
              "this is a bug in Corral; make the change by hand and check it with corral policy validate"));
    }
    return written;
  }

  /** The in-place result if it parses to exactly {@code expected}, else null. */
  private String applyInPlace(String text, List<TextStep> steps, Policy expected) {
    String current = text;
    try {
      for (TextStep step : steps) {
        current = step.apply(YamlTextEdit.of(current));
      }
      Policy parsed = PolicyParser.parse(current, file.toString(), file.getParent());
      if (parsed.equals(expected)) {
        return current;
      }
      log.debug("in-place edit of {} did not give the intended policy; rewriting", file);
    } catch (YamlTextEdit.Unsupported e) {
      log.debug("in-place edit of {} not possible ({}); rewriting", file, e.getMessage());
    } catch (PolicyException e) {
      log.debug("in-place edit of {} did not parse ({}); rewriting", file, e.getMessage());
    }
    return null;
  }

  /** Canonical text for {@code policy}, keeping the old file's leading comment block. */
  private static String canonical(String oldText, Policy policy) {
    StringBuilder out = new StringBuilder();
    if (oldText != null) {
      for (String line : oldText.split("\n", -1)) {
        if (line.startsWith("#") || (line.isBlank() && !out.isEmpty())) {
          out.append(line).append('\n');
        } else {
          break;
        }
      }
    }
    return out + PolicyWriter.toYaml(policy);
  }

  private interface LockedAction<T> {
    T run() throws IOException, PolicyException;
  }

  /** Runs {@code action} holding this editor's monitor and the lock file. */
  private synchronized <T> T locked(LockedAction<T> action) throws IOException, PolicyException {
    Files.createDirectories(file.getParent());
    Path lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = channel.lock();
      try {
        return action.run();
      } finally {
        lock.release();
      }
    }
  }

  private Policy argument(String yaml, String what) throws PolicyException {
    try {
      return PolicyParser.parse(yaml, "argument", file.getParent());
    } catch (PolicyException e) {
      List<PolicyProblem> problems =
          e.problems().stream()
              .map(p -> new PolicyProblem("argument", 0, 0, what, p.message(), p.hint()))
              .toList();
      throw new PolicyException(problems);
    }
  }

  private static void requireNonEmpty(Set<Access> access) throws PolicyException {
    if (access.isEmpty()) {
      throw new PolicyException(
          new PolicyProblem(
              "argument", 0, 0, "access", "no access given", "give read, write or both"));
    }
  }
}
