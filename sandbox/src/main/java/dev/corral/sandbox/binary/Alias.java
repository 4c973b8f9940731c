package dev.corral.sandbox.binary;

import java.util.Objects;

/** An alias definition: it names an item exported by an instance, or defined in an outer scope. */
public sealed interface Alias {
  /** The sort of the aliased item; it joins that sort's index space. */
  Sort sort();

  /** {@code (alias export i "name" (sort))}: an export of a component instance. */
  record InstanceExport(Sort sort, int instanceIndex, String name) implements Alias {
    public InstanceExport {
      Objects.requireNonNull(sort, "sort");
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code (alias core export i "name" (core sort))}: an export of a core instance. */
  record CoreInstanceExport(Sort sort, int coreInstanceIndex, String name) implements Alias {
    public CoreInstanceExport {
      Objects.requireNonNull(sort, "sort");
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code (alias outer ct idx (sort))}: a definition {@code ct} scopes out. */
  record Outer(Sort sort, int count, int index) implements Alias {
    public Outer {
      Objects.requireNonNull(sort, "sort");
    }
  }
}
