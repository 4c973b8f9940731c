package dev.corral.mcp.component;

import java.nio.file.Path;

/** A component could not be loaded; the message names the source and the reason. */
public final class ComponentLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public ComponentLoadException(Path source, String reason, Throwable cause) {
    super(source + ": " + reason, cause);
  }
}
