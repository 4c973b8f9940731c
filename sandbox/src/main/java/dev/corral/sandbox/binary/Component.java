package dev.corral.sandbox.binary;

import java.util.List;
import java.util.Optional;

/**
 * A decoded component: its definitions in binary order and its custom sections. Index spaces
 * are implied by the order of definitions.
 */
public record Component(List<Definition> definitions, List<CustomSection> customSections) {
  public Component {
    definitions = List.copyOf(definitions);
    customSections = List.copyOf(customSections);
  }

  /** The first custom section with this name, if any. */
  public Optional<CustomSection> customSection(String name) {
    return customSections.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
