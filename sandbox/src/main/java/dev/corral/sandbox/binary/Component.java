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

  /**
   * The names in this component's {@code component-name} section, if it has one (a nested
   * component has its own). The section is advisory: a malformed one does not stop decoding or
   * instantiation, only this call.
   *
   * @throws ComponentDecodeException if the section is malformed, naming the byte offset
   */
  public Optional<ComponentNames> names() throws ComponentDecodeException {
    Optional<CustomSection> section = customSection(ComponentNames.SECTION_NAME);
    return section.isEmpty() ? Optional.empty() : Optional.of(ComponentNames.parse(section.get()));
  }

  /**
   * The WIT doc comments in this component's {@code package-docs} section, if it has one.
   *
   * @throws ComponentDecodeException if the section is malformed, naming the byte offset
   */
  public Optional<PackageDocs> packageDocs() throws ComponentDecodeException {
    Optional<CustomSection> section = customSection(PackageDocs.SECTION_NAME);
    return section.isEmpty() ? Optional.empty() : Optional.of(PackageDocs.parse(section.get()));
  }
}
