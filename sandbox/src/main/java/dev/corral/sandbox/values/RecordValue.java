package dev.corral.sandbox.values;

import java.util.List;

/** A record: field values in the order of the record type's fields. */
public record RecordValue(List<Value> fields) implements Value {
  public RecordValue {
    fields = List.copyOf(fields);
  }
}
