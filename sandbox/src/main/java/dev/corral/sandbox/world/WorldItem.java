package dev.corral.sandbox.world;

/**
 * One import or export of a component's world: an interface, a world-level function or a
 * world-level named type.
 */
public sealed interface WorldItem permits Interface, Function, NamedType {
  /** The import or export name, e.g. {@code docs:adder/add@0.1.0}, {@code run} or {@code point}. */
  String name();
}
