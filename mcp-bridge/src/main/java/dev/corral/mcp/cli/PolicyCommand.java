package dev.corral.mcp.cli;

import dev.corral.mcp.component.CorralDirectories;
import dev.corral.mcp.component.OwnResources;
import dev.corral.policy.OffLimits;
import dev.corral.policy.Policy;
import dev.corral.policy.PolicyEditor;
import dev.corral.policy.PolicyException;
import dev.corral.policy.PolicyParser;
import dev.corral.policy.PolicyWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code corral policy get|validate}. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Shows and checks component policies.",
    subcommands = {PolicyCommand.Get.class, PolicyCommand.Validate.class})
public final class PolicyCommand {

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the policy in force for a component (an installed id, a sample id, or a component file).",
        "An invalid policy file is not in force: the command says so, and what applies instead, with exit status 1."
      })
  static final class Get implements Callable<Integer> {
    @Parameters(paramLabel = "ID|FILE")
    String target;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "yaml",
        paramLabel = "FORMAT",
        description = "yaml (the file as written) or json; default ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Option(
        names = "--component-dir",
        paramLabel = "DIR",
        description = "Where installed components live.")
    Path componentDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (output == OutputFormat.TABLE) {
        throw new CliException("policy get prints -o yaml or -o json");
      }
      PolicyEditor editor = PolicyTarget.editor(target, componentDir);
      Path file = editor.file();
      Policy policy;
      String text;
      try {
        policy = editor.load();
        text = Files.readString(file);
      } catch (NoSuchFileException e) {
        policy = Policy.denyAll();
        text =
            "# no policy file (" + file + "): nothing is granted\n" + PolicyWriter.toYaml(policy);
      } catch (PolicyException e) {
        throw new CliException(notInForce(file, e, target), e);
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output == OutputFormat.JSON) {
        JsonMapper json = JsonMapper.builder().build();
        out.println(
            json.writerWithDefaultPrettyPrinter().writeValueAsString(PolicyWriter.toPlain(policy)));
      } else {
        out.print(text.endsWith("\n") ? text : text + "\n");
      }
      out.flush();
      return 0;
    }

    /**
     * What holds while {@code file} is invalid: a running server's last good policy; no new load.
     */
    static String notInForce(Path file, PolicyException e, String target) {
      return file
          + " is invalid, so it is not in force:\n"
          + e.getMessage()
          + "\n"
          + "In force instead: a running server keeps the last valid version it read (deny-all if it never read one);"
          + " a server started now does not serve the component until the file is fixed"
          + " (corral policy validate "
          + file
          + " checks it; corral permission reset "
          + target
          + " starts over).";
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a policy file: prints each problem with its line, column and a hint (exit status 1), or",
        "'FILE: valid' followed by a 'notice:' line for each field Corral accepts but does not act on and a",
        "'withheld:' line for each storage rule the sandbox cannot grant as a whole directory and each",
        "storage or environment rule naming Corral's own directories or variables, which no component may have."
      })
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Policy policy;
      try {
        policy = PolicyParser.parse(file);
      } catch (PolicyException e) {
        throw new CliException(e.getMessage(), e);
      } catch (NoSuchFileException e) {
        throw new CliException(file + ": no such file", e);
      } catch (IOException e) {
        throw new CliException(file + ": cannot read: " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(file + ": valid");
      policy.notices().forEach(notice -> out.println("notice: " + notice));
      OffLimits offLimits = OwnResources.of(CorralDirectories.current(), null);
      policy
          .storage()
          .mountPlan(offLimits)
          .withheld()
          .forEach(reason -> out.println("withheld: " + reason));
      policy
          .environment()
          .withheld(offLimits)
          .forEach(reason -> out.println("withheld: " + reason));
      out.flush();
      return 0;
    }
  }
}
