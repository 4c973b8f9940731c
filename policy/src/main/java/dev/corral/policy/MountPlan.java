package dev.corral.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A storage policy turned into whole-directory grants, for a sandbox that preopens directories
 * read-only or read-write and checks nothing per path. Fail closed: whatever such grants cannot
 * express exactly is left out and explained in {@link #withheld()}.
 *
 * @param mounts directories to preopen, in rule order, one per root
 * @param withheld one sentence per rule (or part of one) not granted, naming the rule
 */
public record MountPlan(List<Mount> mounts, List<String> withheld) {
  public MountPlan {
    mounts = List.copyOf(mounts);
    withheld = List.copyOf(withheld);
  }

  /** One directory to preopen: readable, and writable if {@code writable}. */
  public record Mount(Path hostPath, boolean writable) {
    public Mount {
      Objects.requireNonNull(hostPath, "hostPath");
    }
  }
}
