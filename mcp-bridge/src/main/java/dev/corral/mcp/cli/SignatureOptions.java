package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentInstaller;
import dev.corral.mcp.component.CorralDirectories;
import dev.corral.oci.OciComponents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --key} and {@code --allow-unsigned}: what a fetched component must be signed by. */
final class SignatureOptions {
  @Option(
      names = "--key",
      paramLabel = "PUB",
      description = "Trust this public key (PEM) for SOURCE's repository (repeatable).")
  List<Path> keys = new ArrayList<>();

  @Option(
      names = "--allow-unsigned",
      description = "Accept a component without a valid signature (development only).")
  boolean allowUnsigned;

  /** The OCI client for {@code source}: trust.json from the config plus the {@code --key}s. */
  OciComponents client(String source) throws CliException {
    return OciAccess.client(
        CorralDirectories.current(),
        System.getenv(),
        Optional.of(ComponentInstaller.normalize(source)),
        keys);
  }
}
