package dev.corral.mcp.component;

import java.nio.file.Path;

/** A component could not be loaded; the message names the source and the reason. */
public final class ComponentLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path source;
  private final String reason;

  public ComponentLoadException(Path source, String reason, Throwable cause) {
    super(source + ": " + reason, cause);
    this.source = source;
    this.reason = reason;
  }

  /** The file (or source) that could not be loaded. */
  public Path source() {
    return source;
  }

  /** Why, without the source. */
  public String reason() {
    return reason;
  }
}
