package dev.corral.policy;

import java.util.Objects;

/**
 * The answer to one access question: allowed or not, and why, naming the rule that decided (for
 * example {@code "denied by permissions.network.deny[0] (*.example.com)"}).
 */
public record Decision(boolean allowed, String reason) {
  public Decision {
    Objects.requireNonNull(reason, "reason");
  }

  static Decision allow(String reason) {
    return new Decision(true, reason);
  }

  static Decision deny(String reason) {
    return new Decision(false, reason);
  }
}
