package dev.corral.sandbox.binary;

import java.util.Objects;

/**
 * A custom section: its name and raw contents. {@code offset} is where the section's name starts in
 * the binary, {@code contentsOffset} where its contents start.
 */
public record CustomSection(String name, byte[] contents, int offset, int contentsOffset) {
  public CustomSection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contents, "contents");
  }
}
