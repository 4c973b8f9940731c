package dev.corral.mcp.component;

import dev.corral.oci.Digest;
import dev.corral.oci.InstallOptions;
import dev.corral.oci.InstalledComponent;
import dev.corral.oci.OciComponents;
import dev.corral.oci.OciException;
import dev.corral.oci.OciReference;
import dev.corral.policy.ComponentIds;
import dev.corral.policy.Policy;
import dev.corral.policy.PolicyException;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.error.LinkException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  /**
   * What is installed under an id now: the digest of its file, its install record (none for a
   * component installed before records were kept), its policy (deny-all if it has none or it does
   * not parse) and the names of its stored secret values.
   */
  public record Current(
      String id,
      String digest,
      Optional<InstallRecord> record,
      boolean hasPolicy,
      Policy policy,
      Set<String> secrets) {}

  /** What is installed as {@code id}; empty if nothing is. */
  public Optional<Current> current(String id) throws ComponentLoadException {
    Path file = directory.componentFile(id);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Policy policy;
      try {
        policy = directory.policies().load(id);
      } catch (PolicyException e) {
        policy = Policy.denyAll();
      }
      return Optional.of(
          new Current(
              id,
              Digest.sha256(file).toString(),
              InstallRecord.read(directory.installRecordFile(id)),
              directory.policies().hasPolicy(id),
              policy,
              directory.policies().secrets().names(id)));
    } catch (IOException e) {
      throw new ComponentLoadException(
          file, "cannot read the installed component: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a rollback: installing over {@code id} a signed component whose digest was installed
   * there before and replaced, or whose signed build time is earlier than the installed one's (see
   * {@link InstallRecord#rollback}). What replays an old artifact is a registry or a network path
   * serving it with its still valid signature; an unsigned file or download is the user's own
   * choice each time (typed, or approved in a question showing its digest), so it is not refused.
   */
  public void checkNotRollback(String id, InstalledComponent pulled) throws ComponentLoadException {
    if (!pulled.signature().verified()) {
      return;
    }
    Optional<String> rollback =
        InstallRecord.read(directory.installRecordFile(id))
            .flatMap(r -> r.rollback(pulled.digest().toString(), pulled.created()));
    if (rollback.isPresent()) {
      throw new ComponentLoadException(
          Path.of(pulled.source()),
          "refusing to install it as '"
              + id
              + "': it would roll "
              + id
              + " back ("
              + rollback.get()
              + "); to install it anyway, remove "
              + id
              + " first (corral component unload "
              + id
              + ", which also removes its policy and secrets)",
          null);
    }
  }

  /** What an install did. */
  public record Installed(
      String id,
      Path file,
      InstalledComponent pulled,
      boolean policyWritten,
      Optional<String> replaced) {}

  /**
   * A source as a URI: file paths become {@code file://} URIs, made without looking at the file
   * system ({@link Path#toUri} would, to mark a directory with a trailing slash), so that nothing
   * is touched before a load is approved.
   */
  public static String normalize(String source) {
    if (source.contains("://")) {
      return source;
    }
    try {
      return new URI("file", "", Path.of(source).toAbsolutePath().normalize().toString(), null)
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a usable file path: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code source} is an OCI reference whose repository has trusted keys, so its signature
   * can be checked.
   */
  public boolean isVerifiable(String source) {
    try {
      return source.startsWith("oci://") && oci.hasTrustedKeys(OciReference.parse(source));
    } catch (OciException e) {
      return false;
    }
  }

  /** Fetches and verifies {@code source} into the cache, without installing it. */
  public InstalledComponent fetch(String source, boolean allowUnsigned)
      throws ComponentLoadException {
    String normalized = normalize(source);
    try {
      return oci.pull(
          normalized, allowUnsigned ? InstallOptions.ALLOW_UNSIGNED : InstallOptions.VERIFIED);
    } catch (OciException e) {
      throw new ComponentLoadException(Path.of(source), e.getMessage(), e);
    }
  }

  /**
   * Installs what {@link #fetch} returned as {@code id} (default: the last name of the source). The
   * shipped policy is written only if the component has none yet.
   */
  public Installed install(String source, InstalledComponent pulled, Optional<String> id)
      throws ComponentLoadException {
    Path origin = Path.of(source);
    String componentId = id.orElse(defaultId(normalize(source)));
    try {
      SandboxedComponent.load(Files.readAllBytes(pulled.component()));
    } catch (ComponentDecodeException | LinkException e) {
      throw new ComponentLoadException(origin, "refusing to install it: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ComponentLoadException(
          origin, "cannot read the fetched component: " + e.getMessage(), e);
    }
    if (!ComponentIds.isValid(componentId)) {
      throw new ComponentLoadException(
          origin,
          "invalid component id '"
              + componentId
              + "': use "
              + ComponentIds.ALLOWED
              + " (choose one with --id)",
          null);
    }
    checkNotRollback(componentId, pulled);
    try {
      Optional<Current> before = current(componentId);
      boolean policyWritten = directory.install(componentId, pulled.component(), pulled.policy());
      String digest = pulled.digest().toString();
      InstallRecord record =
          before
              .map(
                  c ->
                      c.record()
                          .orElse(new InstallRecord(c.digest(), "", Optional.empty(), List.of()))
                          .replacedBy(digest, pulled.source(), pulled.created()))
              .orElse(new InstallRecord(digest, pulled.source(), pulled.created(), List.of()));
      record.write(directory.installRecordFile(componentId));
      return new Installed(
          componentId,
          directory.componentFile(componentId),
          pulled,
          policyWritten,
          before.map(Current::digest));
    } catch (PolicyException e) {
      throw new ComponentLoadException(
          origin, "refusing to install it: its policy is invalid: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ComponentLoadException(
          origin, "cannot install into " + directory.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The last name of the repository ({@code oci://}) or of the path ({@code file://}, {@code
   * https://}).
   */
  public static String defaultId(String source) {
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
