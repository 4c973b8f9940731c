package dev.corral.sandbox.binary;

import java.util.Objects;

/** A custom section: its name and raw contents. */
public record CustomSection(String name, byte[] contents, int offset) {
  public CustomSection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contents, "contents");
  }
}
