package dev.corral.oci;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to an artifact in an OCI registry: {@code registry/repository:tag}, {@code
 * registry/repository@sha256:...} or both. There is no implicit registry (no Docker Hub default):
 * the first path element is always the registry host[:port].
 *
 * @param registry host or host:port
 * @param repository repository path, e.g. {@code tools/adder}
 * @param tag the tag, or null
 * @param digest the digest, or null; when set it is what gets fetched
 */
public record OciReference(String registry, String repository, String tag, Digest digest) {
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /**
   * Distribution's domain grammar (dot-separated components, optional port), or a bracketed IPv6
   * address.
   */
  private static final Pattern REGISTRY =
      Pattern.compile(
          "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
              + "(?::[0-9]{1,5})?|\\[[0-9a-fA-F:.]+\\](?::[0-9]{1,5})?");

  public OciReference {
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("a reference needs a tag or a digest");
    }
  }

  /**
   * Parses {@code oci://registry/repo:tag}, {@code oci://registry/repo@sha256:...} (the {@code
   * oci://} prefix is optional).
   */
  public static OciReference parse(String text) throws OciException {
    String rest = text.startsWith("oci://") ? text.substring("oci://".length()) : text;
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new OciException(
          "not an OCI reference (expected oci://registry/repository:tag): '" + text + "'");
    }
    String registry = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    if (!REGISTRY.matcher(registry).matches() || !isHostAndPort(registry)) {
      throw new OciException("invalid registry host '" + registry + "' in '" + text + "'");
    }
    Digest digest = null;
    int at = path.indexOf('@');
    if (at >= 0) {
      digest = Digest.parse(path.substring(at + 1));
      path = path.substring(0, at);
    }
    String tag = null;
    int colon = path.lastIndexOf(':');
    if (colon >= 0) {
      tag = path.substring(colon + 1);
      path = path.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new OciException("invalid tag '" + tag + "' in '" + text + "'");
      }
    }
    if (!REPOSITORY.matcher(path).matches()) {
      throw new OciException(
          "invalid repository name '"
              + path
              + "' in '"
              + text
              + "' (lower-case letters, digits, separators . _ - and /)");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new OciReference(registry, path, tag, digest);
  }

  /** True if {@code registry} is a URL authority with a host and a port (if any) below 65536. */
  private static boolean isHostAndPort(String registry) {
    try {
      URI uri = new URI("https://" + registry + "/");
      return uri.getHost() != null && uri.getPort() <= 65535;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** This reference pinned to {@code digest} (the tag is kept for display). */
  public OciReference withDigest(Digest newDigest) {
    return new OciReference(registry, repository, tag, newDigest);
  }

  /** The same repository at another tag, without digest. */
  public OciReference withTag(String newTag) {
    return new OciReference(registry, repository, newTag, null);
  }

  public Optional<Digest> pinnedDigest() {
    return Optional.ofNullable(digest);
  }

  /** What to ask the registry's manifests endpoint for: the digest if known, else the tag. */
  String manifestReference() {
    return digest != null ? digest.toString() : tag;
  }

  /** {@code registry/repository}, the name trust policy prefixes are matched against. */
  public String name() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    return "oci://"
        + name()
        + (tag != null ? ":" + tag : "")
        + (digest != null ? "@" + digest : "");
  }
}
