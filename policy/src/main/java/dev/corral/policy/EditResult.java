package dev.corral.policy;

import java.util.Objects;

/**
 * What an edit did: whether the file changed, the policy now in force, and whether the file was
 * edited in place ({@code commentsKept}) or had to be rewritten in canonical form.
 */
public record EditResult(boolean changed, Policy policy, boolean commentsKept) {
  public EditResult {
    Objects.requireNonNull(policy, "policy");
  }
}
