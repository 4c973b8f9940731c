package dev.corral.mcp.component;

import dev.corral.sandbox.SandboxedComponent;
import dev.corral.schema.tools.ToolCatalog;
import dev.corral.schema.wit.ComponentDocs;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a component file holds, without its policy: its id (the file name without {@code .wasm}),
 * its decoded and linked form, its documentation, and the tool catalog made from its exports (with
 * the functions left out and the tools renamed).
 */
public record ComponentDescription(
    String id, Path file, SandboxedComponent sandboxed, ComponentDocs docs, ToolCatalog catalog) {
  public ComponentDescription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sandboxed, "sandboxed");
    Objects.requireNonNull(docs, "docs");
    Objects.requireNonNull(catalog, "catalog");
  }
}
