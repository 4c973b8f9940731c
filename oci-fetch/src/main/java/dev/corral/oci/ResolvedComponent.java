package dev.corral.oci;

/**
 * A component reference resolved to a manifest digest whose manifest and signature have been
 * verified; install it with {@link OciComponents#install(ResolvedComponent)}, which fetches by that
 * digest only (a tag moved afterwards has no effect).
 *
 * @param reference the reference, pinned to {@link #manifestDigest()}
 * @param manifestDigest digest of the verified manifest
 * @param artifact the component (and policy) layers
 * @param signature the signature check's outcome
 */
public record ResolvedComponent(
    OciReference reference,
    Digest manifestDigest,
    WasmArtifact artifact,
    VerifiedSignature signature) {}
