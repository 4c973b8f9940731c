package dev.corral.mcp.component;

import java.nio.file.Path;

/**
 * What opening one component file gave: a {@link LoadedComponent} ready to serve, or an {@link
 * UnservedComponent} saying why it cannot be served (fail closed: nothing of it runs).
 */
public sealed interface ComponentStatus permits LoadedComponent, UnservedComponent {
  /** The id it is (or would be) served under. */
  String id();

  /** The component file. */
  Path source();

  /** The same status under another id. */
  ComponentStatus withId(String newId);
}
