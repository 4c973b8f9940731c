package dev.corral.mcp.cli;

import dev.corral.mcp.component.CorralDirectories;
import dev.corral.oci.CosignKeys;
import dev.corral.oci.OciComponents;
import dev.corral.oci.OciException;
import dev.corral.oci.OciReference;
import dev.corral.oci.RegistrySettings;
import dev.corral.oci.TrustPolicy;
import dev.corral.oci.TrustedKey;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the OCI client the commands share: registries and credentials from the environment, the
 * cache in Corral's data directory, and the trust policy from Corral's config ({@code trust.json})
 * plus any {@code --key} given for the reference at hand.
 */
final class OciAccess {
  private OciAccess() {}

  static OciComponents client(
      CorralDirectories directories,
      Map<String, String> environment,
      Optional<String> source,
      List<Path> extraKeys)
      throws CliException {
    try {
      Path trustFile = directories.trustPolicy();
      TrustPolicy trust =
          Files.exists(trustFile) ? TrustPolicy.load(trustFile) : TrustPolicy.empty();
      if (!extraKeys.isEmpty() && source.isPresent() && source.get().startsWith("oci://")) {
        OciReference reference = OciReference.parse(source.get());
        List<TrustedKey> keys = new ArrayList<>();
        for (Path key : extraKeys) {
          keys.add(TrustedKey.read(key));
        }
        trust =
            trust.trust(
                reference.registry() + "/" + reference.repository(),
                keys.toArray(TrustedKey[]::new));
      }
      return new OciComponents(
          directories.data(), RegistrySettings.fromEnvironment(environment), trust);
    } catch (OciException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  /** The private key's password: {@code COSIGN_PASSWORD}, else asked on the terminal. */
  static char[] password(Map<String, String> environment, String prompt) throws CliException {
    Optional<char[]> fromEnvironment = CosignKeys.passwordFromEnvironment(environment);
    if (fromEnvironment.isPresent()) {
      return fromEnvironment.get();
    }
    Console console = System.console();
    if (console == null) {
      throw new CliException(
          "set " + CosignKeys.PASSWORD_VARIABLE + " (no terminal to ask for the key's password)");
    }
    char[] password = console.readPassword("%s", prompt);
    if (password == null) {
      throw new CliException("no password given");
    }
    return password;
  }

  static OciReference reference(String text) throws CliException {
    try {
      return OciReference.parse(text);
    } catch (OciException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
