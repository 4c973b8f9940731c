package dev.corral.mcp.cli;

import dev.corral.oci.InstallOptions;
import dev.corral.oci.InstalledComponent;
import dev.corral.oci.OciException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code corral pull SOURCE}: fetches and verifies a component into the cache without installing
 * it.
 */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description =
        "Fetches oci://, file:// or https:// into Corral's content-addressed cache, verifying digests and the signature.")
public final class PullCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SOURCE")
  String source;

  @Mixin SignatureOptions signatures;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      InstalledComponent pulled =
          signatures
              .client(source)
              .pull(
                  source,
                  signatures.allowUnsigned
                      ? InstallOptions.ALLOW_UNSIGNED
                      : InstallOptions.VERIFIED);
      if (!pulled.signature().verified()) {
        spec.commandLine().getErr().println("corral: WARNING: " + pulled.signature().description());
      }
      spec.commandLine()
          .getOut()
          .println(
              pulled.component()
                  + "  "
                  + pulled.digest()
                  + "  "
                  + pulled.signature().description());
      return 0;
    } catch (OciException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
