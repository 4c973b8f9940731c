package dev.corral.schema.wit;

/**
 * The parts of a component interface name: {@code docs:adder/add@0.1.0} is the interface {@code
 * add} of the package {@code docs:adder@0.1.0}; a kebab name ({@code exports}) names an inline
 * interface of a world and has no package.
 */
final class InterfaceNames {
  private InterfaceNames() {}

  /**
   * Whether {@code name} is a package-qualified interface name ({@code ns:pkg/iface[@version]}).
   */
  static boolean isQualified(String name) {
    int slash = name.indexOf('/');
    return slash > 0 && name.lastIndexOf(':', slash) > 0;
  }

  /**
   * {@code docs:adder@0.1.0} for {@code docs:adder/add@0.1.0}, {@code docs:adder} without a
   * version.
   */
  static String packageOf(String name) {
    int slash = name.indexOf('/');
    int at = name.indexOf('@', slash);
    return name.substring(0, slash) + (at > 0 ? name.substring(at) : "");
  }

  /** {@code add} for {@code docs:adder/add@0.1.0}; kebab names are returned unchanged. */
  static String shortName(String name) {
    String withoutVersion = name;
    int at = withoutVersion.lastIndexOf('@');
    if (at > 0) {
      withoutVersion = withoutVersion.substring(0, at);
    }
    int slash = withoutVersion.lastIndexOf('/');
    return slash >= 0 ? withoutVersion.substring(slash + 1) : withoutVersion;
  }
}
