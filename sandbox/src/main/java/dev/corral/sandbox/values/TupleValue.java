package dev.corral.sandbox.values;

import java.util.List;

/** A tuple. */
public record TupleValue(List<Value> elements) implements Value {
  public TupleValue {
    elements = List.copyOf(elements);
  }
}
