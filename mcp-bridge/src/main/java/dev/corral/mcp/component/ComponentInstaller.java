package dev.corral.mcp.component;

import dev.corral.oci.InstallOptions;
import dev.corral.oci.InstalledComponent;
import dev.corral.oci.OciComponents;
import dev.corral.oci.OciException;
import dev.corral.oci.OciReference;
import dev.corral.policy.ComponentIds;
import dev.corral.policy.PolicyException;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.error.LinkException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Installs a component from {@code oci://}, {@code file://}, {@code https://} or a file path into
 * the installed-components directory: fetched and verified (digests, signature) into the cache,
 * checked to decode and link (and a shipped policy to be valid), and only then copied in. Nothing
 * is installed on any failure.
 */
public final class ComponentInstaller {
  private final OciComponents oci;
  private final ComponentDirectory directory;

  public ComponentInstaller(OciComponents oci, ComponentDirectory directory) {
    this.oci = oci;
    this.directory = directory;
  }

  /** What an install did. */
  public record Installed(String id, Path file, InstalledComponent pulled, boolean policyWritten) {}

  /** A source as a URI: file paths become {@code file://} URIs. */
  public static String normalize(String source) {
    return source.contains("://") ? source : Path.of(source).toAbsolutePath().normalize().toUri().toString();
  }

  /** Fetches and verifies {@code source} into the cache, without installing it. */
  public InstalledComponent fetch(String source, boolean allowUnsigned) throws ComponentLoadException {
    String normalized = normalize(source);
    try {
      return oci.pull(normalized, allowUnsigned ? InstallOptions.ALLOW_UNSIGNED : InstallOptions.VERIFIED);
    } catch (OciException e) {
      throw new ComponentLoadException(Path.of(source), e.getMessage(), e);
    }
  }

  /**
   * Installs what {@link #fetch} returned as {@code id} (default: the last name of the source).
   * The shipped policy is written only if the component has none yet.
   */
  public Installed install(String source, InstalledComponent pulled, Optional<String> id) throws ComponentLoadException {
    Path origin = Path.of(source);
    try {
      SandboxedComponent.load(Files.readAllBytes(pulled.component()));
    } catch (ComponentDecodeException | LinkException e) {
      throw new ComponentLoadException(origin, "refusing to install it: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ComponentLoadException(origin, "cannot read the fetched component: " + e.getMessage(), e);
    }
    String componentId = id.orElse(defaultId(normalize(source)));
    if (!ComponentIds.isValid(componentId)) {
      throw new ComponentLoadException(origin, "invalid component id '" + componentId
          + "': use " + ComponentIds.ALLOWED + " (choose one with --id)", null);
    }
    try {
      boolean policyWritten = directory.install(componentId, pulled.component(), pulled.policy());
      return new Installed(componentId, directory.componentFile(componentId), pulled, policyWritten);
    } catch (PolicyException e) {
      throw new ComponentLoadException(origin, "refusing to install it: its policy is invalid: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ComponentLoadException(origin, "cannot install into " + directory.path() + ": " + e.getMessage(), e);
    }
  }

  /** The last name of the repository ({@code oci://}) or of the path ({@code file://}, {@code https://}). */
  static String defaultId(String source) {
    String path;
    if (source.startsWith("oci://")) {
      try {
        path = OciReference.parse(source).repository();
      } catch (OciException e) {
        path = source;
      }
    } else {
      path = URI.create(source).getPath();
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.endsWith(".wasm") ? last.substring(0, last.length() - ".wasm".length()) : last;
  }
}
