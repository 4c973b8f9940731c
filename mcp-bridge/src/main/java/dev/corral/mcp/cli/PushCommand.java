package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentLoader;
import dev.corral.mcp.component.CorralDirectories;
import dev.corral.oci.OciComponents;
import dev.corral.oci.OciException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral push FILE REF}: uploads a component (and its policy) as a wasm OCI artifact. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description =
        "Pushes a component file to oci://REGISTRY/REPO:TAG, with the policy beside it (NAME.policy.yaml) as a layer when present.")
public final class PushCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Parameters(index = "1", paramLabel = "REF")
  String reference;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "The policy to ship (default: NAME.policy.yaml beside FILE, if any).")
  Path policy;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path besides = ComponentLoader.policyFile(file);
    Optional<Path> shipped =
        policy != null ? Optional.of(policy) : Optional.of(besides).filter(Files::exists);
    try {
      OciComponents.PushResult pushed =
          OciAccess.client(
                  CorralDirectories.current(), System.getenv(), Optional.empty(), List.of())
              .push(file, shipped, OciAccess.reference(reference));
      spec.commandLine()
          .getOut()
          .println(
              "pushed " + pushed.reference() + shipped.map(p -> " with policy " + p).orElse(""));
      return 0;
    } catch (OciException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
