package dev.corral.sandbox.binary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A decoded component: its definitions in binary order and its custom sections. Index spaces are
 * implied by the order of definitions.
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
   * The names in this component's {@code component-name} section, if it has one (a nested component
   * has its own). The section is advisory: a malformed one does not stop decoding or instantiation,
   * only this call.
   *
   * @throws ComponentDecodeException if the section is malformed, naming the byte offset
   */
  public Optional<ComponentNames> names() throws ComponentDecodeException {
    Optional<CustomSection> section = customSection(ComponentNames.SECTION_NAME);
    return section.isEmpty() ? Optional.empty() : Optional.of(ComponentNames.parse(section.get()));
  }

  /**
   * The WIT doc comments in this component's {@code package-docs} sections, in binary order (one
   * section per documented package; usually none or one).
   *
   * @throws ComponentDecodeException if a section is malformed, naming the byte offset and JSON
   *     path
   */
  public List<PackageDocs> packageDocs() throws ComponentDecodeException {
    List<PackageDocs> docs = new ArrayList<>();
    for (CustomSection section : customSections) {
      if (section.name().equals(PackageDocs.SECTION_NAME)) {
        docs.add(PackageDocs.parse(section));
      }
    }
    return List.copyOf(docs);
  }
}
