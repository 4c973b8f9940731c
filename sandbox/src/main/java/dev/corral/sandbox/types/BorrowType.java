package dev.corral.sandbox.types;

import java.util.Objects;

/** {@code borrow<R>}: a borrowed handle to a resource, valid for one call. */
public record BorrowType(ResourceType resource) implements ValType {
  public BorrowType {
    Objects.requireNonNull(resource, "resource");
  }
}
