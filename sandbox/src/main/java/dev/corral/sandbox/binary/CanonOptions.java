package dev.corral.sandbox.binary;

import java.util.Objects;
import java.util.OptionalInt;

/** The options of a {@code canon lift} or {@code canon lower}: encodings and helper functions. */
public record CanonOptions(
    StringEncoding stringEncoding,
    OptionalInt memory,
    OptionalInt realloc,
    OptionalInt postReturn,
    boolean async,
    OptionalInt callback) {
  public CanonOptions {
    Objects.requireNonNull(stringEncoding, "stringEncoding");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(realloc, "realloc");
    Objects.requireNonNull(postReturn, "postReturn");
    Objects.requireNonNull(callback, "callback");
  }

  /** No options: UTF-8, no memory, no realloc, no post-return, synchronous. */
  public static CanonOptions none() {
    return new CanonOptions(
        StringEncoding.UTF8,
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        false,
        OptionalInt.empty());
  }
}
