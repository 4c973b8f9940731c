package dev.corral.mcp.cli;

import dev.corral.mcp.component.CorralDirectories;
import dev.corral.mcp.component.OwnResources;
import dev.corral.policy.Access;
import dev.corral.policy.EditResult;
import dev.corral.policy.LimitName;
import dev.corral.policy.OffLimits;
import dev.corral.policy.PolicyEditor;
import dev.corral.policy.PolicyException;
import dev.corral.policy.PolicyProblem;
import dev.corral.policy.PolicySection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code corral permission grant|revoke|deny|limit|reset}: edits a component's policy file. Every
 * edit is validated before it is written, written atomically, and keeps the file's comments where
 * it can; a running server applies it on the next call. Each subcommand is one {@link PolicyEditor}
 * call (see the policy module's README for the table).
 */
@Command(
    name = "permission",
    mixinStandardHelpOptions = true,
    description =
        "Grants, revokes, denies and resets a component's permissions and sets its limits.",
    subcommands = {
      PermissionCommand.Grant.class,
      PermissionCommand.Revoke.class,
      PermissionCommand.Deny.class,
      PermissionCommand.Limit.class,
      PermissionCommand.Reset.class
    })
public final class PermissionCommand {
  private static final String TARGET_DESCRIPTION =
      "A host (api.example.com), a wildcard (*.example.com), an IP address, "
          + "a CIDR range (10.0.0.0/8), host:port, an http(s):// URL, or defaults (Wassette's list of common hosts).";

  /** The component whose policy is edited. */
  static final class Target {
    @Parameters(
        index = "0",
        paramLabel = "ID|FILE",
        description = "An installed or sample component id, or a component file.")
    String component;

    @Option(
        names = "--component-dir",
        paramLabel = "DIR",
        description = "Where installed components live.")
    Path componentDir;

    PolicyEditor editor() throws CliException {
      return PolicyTarget.editor(component, componentDir);
    }

    /** Corral's own variables and directories, which no grant may name. */
    OffLimits offLimits() {
      return OwnResources.of(CorralDirectories.current(), componentDir);
    }
  }

  /** One policy edit, reporting what changed: {@code [unchanged: ]WHAT (FILE)}. */
  abstract static class Edit implements Callable<Integer> {
    @Mixin Target target;
    @Spec CommandSpec spec;

    abstract EditResult apply(PolicyEditor editor)
        throws IOException, PolicyException, CliException;

    /** What the edit does, such as {@code granted [read] on fs:///data to config}. */
    abstract String describe();

    @Override
    public Integer call() throws Exception {
      PolicyEditor editor = target.editor();
      EditResult result;
      try {
        result = apply(editor);
      } catch (PolicyException e) {
        throw new CliException(refusal(e, target.component), e);
      } catch (IOException e) {
        throw new CliException("cannot edit " + editor.file() + ": " + e.getMessage(), e);
      }
      spec.commandLine()
          .getOut()
          .println(
              (result.changed() ? "" : "unchanged: ") + describe() + " (" + editor.file() + ")");
      return 0;
    }
  }

  /**
   * Why an edit was refused: a bad argument (its problems name the argument) or a policy file that
   * is invalid now (its problems name the file, line and column; it is not edited).
   */
  static String refusal(PolicyException e, String component) {
    boolean argument = e.problems().stream().allMatch(p -> p.source().equals("argument"));
    String problems =
        e.problems().stream()
            .map(p -> p.source().equals("argument") ? argumentProblem(p) : p.toString())
            .collect(Collectors.joining("\n"));
    return argument
        ? problems
        : "the policy file is invalid, so it was not edited (fix it, or start over with corral permission reset "
            + component
            + "):\n"
            + problems;
  }

  private static String argumentProblem(PolicyProblem p) {
    return "invalid "
        + p.path()
        + ": "
        + p.message()
        + (p.hint().isEmpty() ? "" : "\n  hint: " + p.hint());
  }

  private static String accessList(Set<Access> access) {
    return access.stream().sorted().map(Access::yamlName).toList().toString();
  }

  /** The ports and schemes a network grant or deny rule is narrowed to (none: all). */
  static final class Narrowing {
    @Option(
        names = "--port",
        split = ",",
        paramLabel = "PORT",
        description = "A port (443) or range (8000-8100); repeatable.")
    List<String> ports = new ArrayList<>();

    @Option(
        names = "--scheme",
        split = ",",
        paramLabel = "SCHEME",
        description = "http, https, tcp or udp; repeatable.")
    List<String> schemes = new ArrayList<>();

    /** {@code api.example.com}, or {@code api.example.com (ports [443], schemes [https])}. */
    String describe(String host) {
      List<String> narrowing = new ArrayList<>();
      if (!ports.isEmpty()) {
        narrowing.add("ports " + ports);
      }
      if (!schemes.isEmpty()) {
        narrowing.add("schemes " + schemes);
      }
      return host + (narrowing.isEmpty() ? "" : " (" + String.join(", ", narrowing) + ")");
    }
  }

  @Command(
      name = "grant",
      mixinStandardHelpOptions = true,
      description = "Grants a permission.",
      subcommands = {
        GrantStorage.class,
        GrantNetwork.class,
        GrantEnvironment.class,
        GrantSecret.class
      })
  static final class Grant {}

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revokes a permission granted before.",
      subcommands = {
        RevokeStorage.class,
        RevokeNetwork.class,
        RevokeEnvironment.class,
        RevokeSecret.class
      })
  static final class Revoke {}

  @Command(
      name = "deny",
      mixinStandardHelpOptions = true,
      description = "Adds a deny rule: refused even where a grant covers it (deny wins).",
      subcommands = {DenyStorage.class, DenyNetwork.class})
  static final class Deny {}

  @Command(
      name = "storage",
      mixinStandardHelpOptions = true,
      description =
          "Grants ACCESS under fs://PATH (a directory tree, or a glob); merges into a grant for the same URI.")
  static final class GrantStorage extends Edit {
    @Parameters(
        index = "1",
        paramLabel = "URI",
        description = "e.g. fs:///home/me/notes or fs:///data/**/*.csv")
    String uri;

    @Option(
        names = "--access",
        split = ",",
        paramLabel = "ACCESS",
        defaultValue = "read",
        description = "read, write or read,write (default: ${DEFAULT-VALUE}).")
    List<Access> access = new ArrayList<>();

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException, CliException {
      java.util.Optional<String> refused =
          target.offLimits().refusesStorage(uri, editor.file().toAbsolutePath().getParent());
      if (refused.isPresent()) {
        throw new CliException(refused.get());
      }
      return editor.grantStorage(uri, EnumSet.copyOf(access));
    }

    @Override
    String describe() {
      return "granted "
          + accessList(EnumSet.copyOf(access))
          + " on "
          + uri
          + " to "
          + target.component;
    }
  }

  @Command(
      name = "network",
      mixinStandardHelpOptions = true,
      description = "Grants connections to TARGET, optionally only on --port and with --scheme.")
  static final class GrantNetwork extends Edit {
    @Parameters(index = "1", paramLabel = "TARGET", description = TARGET_DESCRIPTION)
    String host;

    @Mixin Narrowing narrowing;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.grantNetwork(host, narrowing.ports, new LinkedHashSet<>(narrowing.schemes));
    }

    @Override
    String describe() {
      return "granted network access to " + narrowing.describe(host) + " to " + target.component;
    }
  }

  @Command(
      name = "environment-variable",
      aliases = {"environment", "env"},
      mixinStandardHelpOptions = true,
      description = "Lets the component read the host's environment variable KEY.")
  static final class GrantEnvironment extends Edit {
    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException, CliException {
      java.util.Optional<String> refused = target.offLimits().refusesVariable(key);
      if (refused.isPresent()) {
        throw new CliException(refused.get());
      }
      return editor.grantEnvironment(key);
    }

    @Override
    String describe() {
      return "granted environment variable " + key + " to " + target.component;
    }
  }

  @Command(
      name = "secret",
      mixinStandardHelpOptions = true,
      description =
          "Lets the component read the stored secret NAME (see corral secret set) as environment variable --env.")
  static final class GrantSecret extends Edit {
    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Option(
        names = "--env",
        paramLabel = "VAR",
        description = "The variable the component reads (default: NAME).")
    String env;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.grantSecret(name, env);
    }

    @Override
    String describe() {
      return "granted secret "
          + name
          + " as "
          + (env == null ? name : env)
          + " to "
          + target.component;
    }
  }

  @Command(
      name = "storage",
      mixinStandardHelpOptions = true,
      description =
          "Revokes ACCESS from the grants for exactly URI, removing grants left with none.")
  static final class RevokeStorage extends Edit {
    @Parameters(index = "1", paramLabel = "URI")
    String uri;

    @Option(
        names = "--access",
        split = ",",
        paramLabel = "ACCESS",
        defaultValue = "read,write",
        description = "read, write or read,write (default: ${DEFAULT-VALUE}).")
    List<Access> access = new ArrayList<>();

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.revokeStorage(uri, EnumSet.copyOf(access));
    }

    @Override
    String describe() {
      return "revoked "
          + accessList(EnumSet.copyOf(access))
          + " on "
          + uri
          + " from "
          + target.component;
    }
  }

  @Command(
      name = "network",
      mixinStandardHelpOptions = true,
      description =
          "Revokes every network grant for exactly TARGET, whatever its ports and schemes.")
  static final class RevokeNetwork extends Edit {
    @Parameters(index = "1", paramLabel = "TARGET", description = TARGET_DESCRIPTION)
    String host;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.revokeNetwork(host);
    }

    @Override
    String describe() {
      return "revoked network access to " + host + " from " + target.component;
    }
  }

  @Command(
      name = "environment-variable",
      aliases = {"environment", "env"},
      mixinStandardHelpOptions = true,
      description = "Revokes the environment variable KEY.")
  static final class RevokeEnvironment extends Edit {
    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.revokeEnvironment(key);
    }

    @Override
    String describe() {
      return "revoked environment variable " + key + " from " + target.component;
    }
  }

  @Command(
      name = "secret",
      mixinStandardHelpOptions = true,
      description =
          "Stops the component reading secret NAME (the stored value stays: corral secret delete removes it).")
  static final class RevokeSecret extends Edit {
    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.revokeSecret(name);
    }

    @Override
    String describe() {
      return "revoked secret " + name + " from " + target.component;
    }
  }

  @Command(
      name = "storage",
      mixinStandardHelpOptions = true,
      description = "Denies ACCESS under fs://PATH, even where a grant covers it.")
  static final class DenyStorage extends Edit {
    @Parameters(index = "1", paramLabel = "URI")
    String uri;

    @Option(
        names = "--access",
        split = ",",
        paramLabel = "ACCESS",
        defaultValue = "read,write",
        description = "read, write or read,write (default: ${DEFAULT-VALUE}).")
    List<Access> access = new ArrayList<>();

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.denyStorage(uri, EnumSet.copyOf(access));
    }

    @Override
    String describe() {
      return "denied "
          + accessList(EnumSet.copyOf(access))
          + " on "
          + uri
          + " for "
          + target.component;
    }
  }

  @Command(
      name = "network",
      mixinStandardHelpOptions = true,
      description =
          "Denies connections to TARGET (optionally only on --port and with --scheme), even where a grant covers it.")
  static final class DenyNetwork extends Edit {
    @Parameters(index = "1", paramLabel = "TARGET", description = TARGET_DESCRIPTION)
    String host;

    @Mixin Narrowing narrowing;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.denyNetwork(host, narrowing.ports, new LinkedHashSet<>(narrowing.schemes));
    }

    @Override
    String describe() {
      return "denied network access to " + narrowing.describe(host) + " for " + target.component;
    }
  }

  @Command(
      name = "limit",
      mixinStandardHelpOptions = true,
      description =
          "Sets a per-call limit (timeout such as 10s, memory such as 64Mi, output such as 1Mi), or with --clear returns it to its default.")
  static final class Limit extends Edit {
    @Parameters(index = "1", paramLabel = "NAME", description = "timeout, memory or output.")
    LimitName name;

    @Parameters(
        index = "2",
        arity = "0..1",
        paramLabel = "VALUE",
        description = "The new limit; leave out with --clear.")
    String value;

    @Option(
        names = "--clear",
        description = "Remove the limit from the policy, so its default applies (30s, 256Mi, 1Mi).")
    boolean clear;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException, CliException {
      if (clear == (value != null)) {
        throw new CliException(
            "give either a VALUE for "
                + name.yamlName()
                + " or --clear, not "
                + (clear ? "both" : "neither"));
      }
      return clear ? editor.clearLimit(name) : editor.setLimit(name, value);
    }

    @Override
    String describe() {
      return clear
          ? "cleared limit " + name.yamlName() + " (the default applies) for " + target.component
          : "set limit " + name.yamlName() + " = " + value + " for " + target.component;
    }
  }

  @Command(
      name = "reset",
      mixinStandardHelpOptions = true,
      description =
          "Removes every grant, deny rule, limit and secret (or those of the given SECTIONs); nothing is granted afterwards.")
  static final class Reset extends Edit {
    @Parameters(
        index = "1..*",
        arity = "0..*",
        paramLabel = "SECTION",
        description = "storage, network, environment, limits or secrets (default: all).")
    List<PolicySection> sections = new ArrayList<>();

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.reset(
          sections.isEmpty() ? PolicySection.values() : sections.toArray(PolicySection[]::new));
    }

    @Override
    String describe() {
      return "reset "
          + (sections.isEmpty()
              ? "all permissions"
              : sections.stream()
                  .distinct()
                  .map(s -> s.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")))
          + " of "
          + target.component;
    }
  }
}
