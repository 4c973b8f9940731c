package dev.corral.mcp.cli;

import dev.corral.policy.Policy;
import dev.corral.policy.PolicyException;
import dev.corral.policy.PolicyParser;
import dev.corral.policy.PolicyWriter;
import java.io.IOException;
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
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Shows and checks component policies.",
    subcommands = {PolicyCommand.Get.class, PolicyCommand.Validate.class})
public final class PolicyCommand {

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Prints the policy in force for a component (an installed id, a sample id, or a component file).")
  static final class Get implements Callable<Integer> {
    @Parameters(paramLabel = "ID|FILE") String target;

    @Option(names = {"-o", "--output"}, defaultValue = "yaml", description = "yaml (the file as written) or json; default ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Option(names = "--component-dir", paramLabel = "DIR", description = "Where installed components live.")
    Path componentDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path file = PolicyTarget.editor(target, componentDir).file();
      Policy policy;
      String text;
      try {
        text = Files.readString(file);
        policy = PolicyParser.parse(file);
      } catch (NoSuchFileException e) {
        policy = Policy.denyAll();
        text = "# no policy file (" + file + "): nothing is granted\n" + PolicyWriter.toYaml(policy);
      } catch (PolicyException e) {
        throw new CliException(e.getMessage(), e);
      }
      if (output == OutputFormat.JSON) {
        JsonMapper json = JsonMapper.builder().build();
        spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(PolicyWriter.toPlain(policy)));
      } else {
        spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Checks a policy file; prints each problem with its line and column, exit status 1 if any.")
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE") Path file;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try {
        PolicyParser.parse(file);
      } catch (PolicyException e) {
        throw new CliException(e.getMessage(), e);
      } catch (IOException e) {
        throw new CliException(file + ": cannot read: " + e.getMessage(), e);
      }
      spec.commandLine().getOut().println(file + ": valid");
      return 0;
    }
  }
}
