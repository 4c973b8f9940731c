package dev.corral.sandbox.values;

import java.util.List;

/** A {@code list<T>}. */
public record ListValue(List<Value> elements) implements Value {
  public ListValue {
    elements = List.copyOf(elements);
  }
}
