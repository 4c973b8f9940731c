package dev.corral.sandbox.binary;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code component-name} custom section (Binary.md, "Name Section"): the component's own name
 * and names for the items of its index spaces, core sorts included (a core module, core function or
 * core instance name). Like the core name section it is advisory: a malformed one does not make the
 * component invalid, so it is only parsed on request ({@link Component#names()}).
 *
 * @param component the component's name, from the component-name subsection
 * @param sortNames for each sort named, its names by index
 */
public record ComponentNames(
    Optional<String> component, Map<Sort, Map<Integer, String>> sortNames) {
  /** The name of the custom section. */
  public static final String SECTION_NAME = "component-name";

  public ComponentNames {
    Objects.requireNonNull(component, "component");
    Map<Sort, Map<Integer, String>> copy = new EnumMap<>(Sort.class);
    sortNames.forEach(
        (sort, names) -> copy.put(sort, Collections.unmodifiableMap(new TreeMap<>(names))));
    sortNames = Collections.unmodifiableMap(copy);
  }

  /** The name of item {@code index} of {@code sort}'s index space, if the section names it. */
  public Optional<String> name(Sort sort, int index) {
    return Optional.ofNullable(sortNames.getOrDefault(sort, Map.of()).get(index));
  }

  /**
   * Parses a {@code component-name} section: an optional component-name subsection (id 0), then
   * sort-name subsections (id 1), each sort at most once. Subsections with other ids are skipped.
   *
   * @throws ComponentDecodeException naming the byte offset in the binary of what is malformed
   */
  public static ComponentNames parse(CustomSection section) throws ComponentDecodeException {
    try {
      return parse(ByteReader.ofSectionContents(section.contents()));
    } catch (ComponentDecodeException e) {
      throw e.at(section.contentsOffset(), "custom section " + SECTION_NAME + ": ");
    }
  }

  private static ComponentNames parse(ByteReader r) throws ComponentDecodeException {
    Optional<String> component = Optional.empty();
    Map<Sort, Map<Integer, String>> sortNames = new EnumMap<>(Sort.class);
    while (r.hasMore()) {
      int start = r.position();
      int id = r.u8("name subsection id");
      int size = r.u32("name subsection size");
      ByteReader s = r.slice(size, "name subsection " + id + " of " + size + " bytes");
      switch (id) {
        case 0 -> {
          if (component.isPresent()) {
            throw new ComponentDecodeException(start, "the component name is given twice");
          }
          component = Optional.of(s.name("component name"));
        }
        case 1 -> {
          int sortAt = s.position();
          Sort sort = ComponentDecoder.readSort(s);
          if (sortNames.containsKey(sort)) {
            throw new ComponentDecodeException(sortAt, "names for " + sort + " are given twice");
          }
          sortNames.put(sort, nameMap(s, sort));
        }
        default -> s.take(size, "unknown name subsection");
      }
      s.requireEnd("name subsection " + id);
    }
    return new ComponentNames(component, sortNames);
  }

  private static Map<Integer, String> nameMap(ByteReader r, Sort sort)
      throws ComponentDecodeException {
    Map<Integer, String> names = new TreeMap<>();
    int n = r.count(sort + " name");
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int index = r.u32(sort + " index");
      String name = r.name(sort + " name");
      if (names.putIfAbsent(index, name) != null) {
        throw new ComponentDecodeException(at, sort + " " + index + " is named twice");
      }
    }
    return names;
  }
}
