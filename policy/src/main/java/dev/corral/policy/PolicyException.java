package dev.corral.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy file could not be used; {@link #problems()} lists every problem found, in file order.
 */
public final class PolicyException extends Exception {
  private final List<PolicyProblem> problems;

  public PolicyException(List<PolicyProblem> problems) {
    super(problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a PolicyException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public PolicyException(PolicyProblem problem) {
    this(List.of(problem));
  }

  public List<PolicyProblem> problems() {
    return problems;
  }
}
