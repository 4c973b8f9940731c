package dev.corral.oci;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A component ready to compile: its bytes are in the content-addressed cache and verified.
 *
 * @param source what was asked for ({@code oci://…} pinned to the digest, {@code file://…}, {@code
 *     https://…})
 * @param digest digest of the component bytes
 * @param component the component file (read-only use; it belongs to the cache)
 * @param policy the policy document shipped with it, if any
 * @param manifestDigest the OCI manifest digest (empty for file:// and https://)
 * @param signature the signature check's outcome
 * @param created when the artifact says it was built (the signed manifest's {@code
 *     org.opencontainers.image.created}), if it says so
 */
public record InstalledComponent(
    String source,
    Digest digest,
    Path component,
    Optional<Path> policy,
    Optional<Digest> manifestDigest,
    VerifiedSignature signature,
    Optional<Instant> created) {}
