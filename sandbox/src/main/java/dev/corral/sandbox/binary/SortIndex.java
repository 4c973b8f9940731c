package dev.corral.sandbox.binary;

import java.util.Objects;

/** A reference into one index space: {@code (sort index)}. */
public record SortIndex(Sort sort, int index) {
  public SortIndex {
    Objects.requireNonNull(sort, "sort");
  }

  @Override
  public String toString() {
    return "(" + sort + " " + index + ")";
  }
}
