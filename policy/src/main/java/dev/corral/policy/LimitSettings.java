package dev.corral.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code limits} section as written: each limit is optional and falls back to {@link
 * Limits#DEFAULTS}.
 */
public record LimitSettings(
    Optional<Duration> timeout, Optional<Long> memory, Optional<Long> output) {
  public static final LimitSettings NONE =
      new LimitSettings(Optional.empty(), Optional.empty(), Optional.empty());

  public boolean isEmpty() {
    return timeout.isEmpty() && memory.isEmpty() && output.isEmpty();
  }
}
