package dev.corral.mcp.cli;

import dev.corral.mcp.component.CorralDirectories;
import dev.corral.oci.OciException;
import dev.corral.oci.OciReference;
import dev.corral.oci.SignatureFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral sign REF --key KEY}: signs a pushed component, cosign-compatibly. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Signs oci://REGISTRY/REPO[:TAG|@DIGEST] with a private key (cosign's format).")
public final class SignCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REF")
  String reference;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY",
      description = "The private key (from corral keygen or cosign generate-key-pair).")
  Path key;

  @Option(
      names = "--format",
      defaultValue = "COSIGN_CLASSIC",
      description =
          "COSIGN_CLASSIC (tag sha256-<hex>.sig) or SIGSTORE_BUNDLE (a referrer); default ${DEFAULT-VALUE}.")
  SignatureFormat format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OciReference ref = OciAccess.reference(reference);
    char[] password = OciAccess.password(System.getenv(), "Password for " + key + ": ");
    try {
      OciReference signed =
          OciAccess.client(
                  CorralDirectories.current(), System.getenv(), Optional.empty(), List.of())
              .sign(ref, key, password, format);
      spec.commandLine().getOut().println("signed " + signed);
      return 0;
    } catch (OciException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
