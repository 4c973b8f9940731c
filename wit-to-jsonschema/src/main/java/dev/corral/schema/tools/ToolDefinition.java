package dev.corral.schema.tools;

import dev.corral.sandbox.runtime.ExportedFunction;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An exported component function described as an MCP tool.
 *
 * <p>{@code inputSchema} is a JSON Schema (2020-12) object schema with one property per WIT
 * parameter. {@code outputSchema} is always an object schema: {@code {"result": R}} where R
 * describes the WIT result, or an empty object schema when the function returns nothing (MCP
 * requires structured content to be an object). See the module README for the value mapping.
 *
 * @param name the MCP tool name, matching {@code [A-Za-z0-9_.-]{1,128}}
 * @param title a human-readable title: the WIT name of the function
 * @param description the function's WIT docs, or a generated sentence, plus its WIT signature
 * @param inputSchema the JSON Schema of the tool arguments
 * @param outputSchema the JSON Schema of the structured result
 * @param function the exported function this tool calls
 */
public record ToolDefinition(
    String name,
    String title,
    String description,
    JsonNode inputSchema,
    JsonNode outputSchema,
    ExportedFunction function) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(outputSchema, "outputSchema");
    Objects.requireNonNull(function, "function");
    if (!ToolNames.isValid(name)) {
      throw new IllegalArgumentException("invalid tool name: " + name);
    }
  }

  /**
   * The definition as an MCP {@code Tool} object: {@code name}, {@code title}, {@code description},
   * {@code inputSchema}, {@code outputSchema} (a fresh tree; for {@code corral inspect} and tests).
   */
  public ObjectNode toJson() {
    ObjectNode tool = JsonNodeFactory.instance.objectNode();
    tool.put("name", name);
    tool.put("title", title);
    tool.put("description", description);
    tool.set("inputSchema", inputSchema.deepCopy());
    tool.set("outputSchema", outputSchema.deepCopy());
    return tool;
  }

  /** This definition under another name. */
  public ToolDefinition withName(String newName) {
    return new ToolDefinition(newName, title, description, inputSchema, outputSchema, function);
  }
}
