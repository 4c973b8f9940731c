package dev.corral.mcp.cli;

import dev.corral.mcp.component.CorralDirectories;
import dev.corral.oci.OciException;
import dev.corral.oci.TrustedKey;
import dev.corral.oci.VerifiedSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral verify REF --key PUB}: checks a component's signature without installing it. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Verifies the signature of oci://REGISTRY/REPO[:TAG|@DIGEST] with public keys; exit status 1 if none verifies.")
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "REF")
  String reference;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "PUB",
      description = "A trusted public key in PEM (repeatable).")
  List<Path> keys = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      List<TrustedKey> trusted = new ArrayList<>();
      for (Path key : keys) {
        trusted.add(TrustedKey.read(key));
      }
      VerifiedSignature signature =
          OciAccess.client(
                  CorralDirectories.current(), System.getenv(), Optional.empty(), List.of())
              .verify(OciAccess.reference(reference), trusted);
      spec.commandLine().getOut().println("verified: " + signature.description());
      return 0;
    } catch (OciException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
