package dev.corral.mcp.cli;

import dev.corral.oci.CosignKeys;
import dev.corral.oci.OciComponents;
import dev.corral.oci.OciException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral keygen PREFIX}: a signing key pair in cosign's format. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description =
        "Writes PREFIX.key (cosign's encrypted private key format; password from $COSIGN_PASSWORD or asked) and PREFIX.pub.")
public final class KeygenCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PREFIX")
  Path prefix;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    char[] password = OciAccess.password(System.getenv(), "Password for the new private key: ");
    try {
      CosignKeys.GeneratedKeys keys = OciComponents.keygen(prefix, password);
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s and %s (%s)%n", keys.privateKey(), keys.publicKey(), keys.fingerprint());
      return 0;
    } catch (OciException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
