package dev.corral.mcp.cli;

/** The {@code -o} formats of the commands that print structured data. */
enum OutputFormat {
  YAML,
  JSON,
  TABLE
}
