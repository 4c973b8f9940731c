package dev.corral.sandbox.capability;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory preopened for the guest at {@code guestPath} (such as {@code /data}), read-only
 * unless {@code writable}. The guest can reach nothing outside it: {@code ..}, absolute paths and
 * symbolic links leading out are refused on the host side.
 */
public record DirectoryGrant(Path hostPath, String guestPath, boolean writable) {
  public DirectoryGrant {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(guestPath, "guestPath");
    if (guestPath.isEmpty()) {
      throw new IllegalArgumentException("guest path must not be empty");
    }
  }

  /** A read-only grant. */
  public static DirectoryGrant readOnly(Path hostPath, String guestPath) {
    return new DirectoryGrant(hostPath, guestPath, false);
  }

  /** A read-write grant. */
  public static DirectoryGrant readWrite(Path hostPath, String guestPath) {
    return new DirectoryGrant(hostPath, guestPath, true);
  }
}
