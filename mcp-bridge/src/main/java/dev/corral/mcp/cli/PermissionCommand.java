package dev.corral.mcp.cli;

import dev.corral.policy.Access;
import dev.corral.policy.EditResult;
import dev.corral.policy.LimitName;
import dev.corral.policy.PolicyEditor;
import dev.corral.policy.PolicyException;
import dev.corral.policy.PolicySection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code corral permission grant|revoke|reset|limit}: edits a component's policy file. Every
 * edit is validated before it is written, written atomically, and keeps the file's comments where
 * it can; a running server applies it on the next call.
 */
@Command(name = "permission", mixinStandardHelpOptions = true, description = "Grants, revokes and resets a component's permissions.",
    subcommands = {PermissionCommand.Grant.class, PermissionCommand.Revoke.class, PermissionCommand.Reset.class,
        PermissionCommand.Limit.class})
public final class PermissionCommand {

  /** The component whose policy is edited. */
  static final class Target {
    @Parameters(index = "0", paramLabel = "ID|FILE", description = "An installed or sample component id, or a component file.")
    String component;

    @Option(names = "--component-dir", paramLabel = "DIR", description = "Where installed components live.")
    Path componentDir;

    PolicyEditor editor() throws CliException {
      return PolicyTarget.editor(component, componentDir);
    }
  }

  /** One policy edit, reporting what changed. */
  abstract static class Edit implements Callable<Integer> {
    @Mixin Target target;
    @Spec CommandSpec spec;

    abstract EditResult apply(PolicyEditor editor) throws IOException, PolicyException, CliException;

    abstract String describe();

    @Override
    public Integer call() throws Exception {
      PolicyEditor editor = target.editor();
      EditResult result;
      try {
        result = apply(editor);
      } catch (PolicyException e) {
        throw new CliException(editor.file() + ": " + e.getMessage(), e);
      }
      spec.commandLine().getOut().println((result.changed() ? "" : "unchanged: ") + describe() + " (" + editor.file() + ")");
      return 0;
    }
  }

  @Command(name = "grant", mixinStandardHelpOptions = true, description = "Grants a permission.",
      subcommands = {GrantStorage.class, GrantNetwork.class, GrantEnvironment.class})
  static final class Grant {}

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a permission.",
      subcommands = {RevokeStorage.class, RevokeNetwork.class, RevokeEnvironment.class})
  static final class Revoke {}

  @Command(name = "storage", mixinStandardHelpOptions = true, description = "Grants access to fs://PATH (a directory tree, or a glob).")
  static final class GrantStorage extends Edit {
    @Parameters(index = "1", paramLabel = "URI", description = "e.g. fs:///home/me/notes or fs:///data/**/*.csv") String uri;

    @Option(names = "--access", split = ",", defaultValue = "read", description = "read, write or read,write (default: ${DEFAULT-VALUE}).")
    List<Access> access = new ArrayList<>();

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.grantStorage(uri, Set.copyOf(access));
    }

    @Override
    String describe() {
      return "granted " + access.stream().map(Access::yamlName).toList() + " on " + uri + " to " + target.component;
    }
  }

  @Command(name = "network", mixinStandardHelpOptions = true,
      description = "Grants connections to HOST (example.com, *.example.com, 10.0.0.0/8, [::1]).")
  static final class GrantNetwork extends Edit {
    @Parameters(index = "1", paramLabel = "HOST") String host;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.grantNetwork(host);
    }

    @Override
    String describe() {
      return "granted network access to " + host + " to " + target.component;
    }
  }

  @Command(name = "environment-variable", aliases = "env", mixinStandardHelpOptions = true,
      description = "Lets the component read the environment variable KEY.")
  static final class GrantEnvironment extends Edit {
    @Parameters(index = "1", paramLabel = "KEY") String key;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.grantEnvironment(key);
    }

    @Override
    String describe() {
      return "granted environment variable " + key + " to " + target.component;
    }
  }

  @Command(name = "storage", mixinStandardHelpOptions = true, description = "Revokes the storage rules for URI.")
  static final class RevokeStorage extends Edit {
    @Parameters(index = "1", paramLabel = "URI") String uri;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.revokeStorage(uri);
    }

    @Override
    String describe() {
      return "revoked storage " + uri + " from " + target.component;
    }
  }

  @Command(name = "network", mixinStandardHelpOptions = true, description = "Revokes network access to HOST.")
  static final class RevokeNetwork extends Edit {
    @Parameters(index = "1", paramLabel = "HOST") String host;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.revokeNetwork(host);
    }

    @Override
    String describe() {
      return "revoked network access to " + host + " from " + target.component;
    }
  }

  @Command(name = "environment-variable", aliases = "env", mixinStandardHelpOptions = true,
      description = "Revokes the environment variable KEY.")
  static final class RevokeEnvironment extends Edit {
    @Parameters(index = "1", paramLabel = "KEY") String key;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.revokeEnvironment(key);
    }

    @Override
    String describe() {
      return "revoked environment variable " + key + " from " + target.component;
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true,
      description = "Removes every grant (or those of the given --section values); nothing is granted afterwards.")
  static final class Reset extends Edit {
    @Option(names = "--section", split = ",", description = "storage, network, environment, limits, secrets (default: all).")
    List<PolicySection> sections = new ArrayList<>();

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.reset(sections.isEmpty() ? PolicySection.values() : sections.toArray(PolicySection[]::new));
    }

    @Override
    String describe() {
      return "reset " + (sections.isEmpty() ? "all permissions" : sections.toString().toLowerCase(java.util.Locale.ROOT))
          + " of " + target.component;
    }
  }

  @Command(name = "limit", mixinStandardHelpOptions = true,
      description = "Sets a per-call limit: timeout (e.g. 10s), memory (e.g. 64Mi) or output (e.g. 1Mi).")
  static final class Limit extends Edit {
    @Parameters(index = "1", paramLabel = "NAME") LimitName name;
    @Parameters(index = "2", paramLabel = "VALUE") String value;

    @Override
    EditResult apply(PolicyEditor editor) throws IOException, PolicyException {
      return editor.setLimit(name, value);
    }

    @Override
    String describe() {
      return "set limit " + name.yamlName() + " = " + value + " for " + target.component;
    }
  }
}
