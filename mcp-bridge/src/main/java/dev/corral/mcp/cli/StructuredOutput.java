package dev.corral.mcp.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Prints structured command output as JSON or YAML ({@code -o json|yaml}). */
final class StructuredOutput {
  private StructuredOutput() {}

  /** {@code value} in {@code format}; TABLE is the commands' own, so it is not handled here. */
  static String render(JsonNode value, OutputFormat format) {
    return switch (format) {
      case JSON ->
          JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(value);
      case YAML -> YAMLMapper.builder().build().writeValueAsString(value).stripTrailing();
      case TABLE -> throw new IllegalArgumentException("a table is printed by the command itself");
    };
  }
}
