package dev.corral.mcp.server;

import dev.corral.mcp.component.LoadedComponent;
import dev.corral.mcp.component.PolicyCapabilities;
import dev.corral.policy.OffLimits;
import dev.corral.policy.Policy;
import dev.corral.policy.SecretStore;
import dev.corral.sandbox.CallFailedException;
import dev.corral.sandbox.CallResult;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.values.Value;
import dev.corral.schema.codec.ArgumentException;
import dev.corral.schema.codec.JsonArguments;
import dev.corral.schema.codec.JsonResults;
import dev.corral.schema.tools.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one tool call: converts the JSON arguments, calls the function in a fresh sandboxed instance
 * with the capabilities its policy grants now (with the secrets it names), and converts the result.
 * Every failure becomes an MCP result with {@code isError} and a message saying what went wrong, so
 * the server keeps serving.
 */
public final class ToolInvoker {
  private static final Logger log = LoggerFactory.getLogger(ToolInvoker.class);

  private final JsonMapper json;
  private final Supplier<Map<String, String>> hostEnvironment;
  private final SecretStore secrets;
  private final OffLimits offLimits;

  /**
   * {@code hostEnvironment} is where allowed environment variables are read from, {@code secrets}
   * where the secrets a policy names are (read afresh for every call); what is {@code offLimits}
   * (Corral's own variables and directories) is never handed to a component, whatever its policy
   * says.
   */
  public ToolInvoker(
      JsonMapper json,
      Supplier<Map<String, String>> hostEnvironment,
      SecretStore secrets,
      OffLimits offLimits) {
    this.json = json;
    this.hostEnvironment = hostEnvironment;
    this.secrets = secrets;
    this.offLimits = offLimits;
  }

  /** Calls {@code tool} of {@code component} with the arguments of a {@code tools/call}. */
  public CallToolResult call(
      LoadedComponent component, ToolDefinition tool, Map<String, Object> arguments) {
    return call(component, tool, arguments, CallReporter.none());
  }

  /**
   * Calls {@code tool}, sending the guest's stderr (info) and the sandbox's notices (warning) to
   * {@code reporter}.
   */
  public CallToolResult call(
      LoadedComponent component,
      ToolDefinition tool,
      Map<String, Object> arguments,
      CallReporter reporter) {
    ExportedFunction function = tool.function();
    List<Value> values;
    try {
      JsonNode args = json.valueToTree(arguments == null ? Map.of() : arguments);
      values = JsonArguments.toValues(args, function.type());
    } catch (ArgumentException e) {
      return error("invalid arguments for " + tool.name() + ": " + e.getMessage());
    }
    Policy policy = component.policy().current();
    Map<String, String> environment;
    try {
      environment =
          secrets.environmentFor(
              component.id(), policy, offLimits.withoutVariables(hostEnvironment.get()));
    } catch (IOException | IllegalArgumentException e) {
      String message =
          tool.name()
              + " not called: the secrets its policy names are unavailable: "
              + e.getMessage();
      log.warn("{}", message);
      return error(message);
    }
    Capabilities capabilities = PolicyCapabilities.of(policy, environment, offLimits);
    CallResult result;
    try {
      result = component.sandboxed().call(function.qualifiedName(), values, capabilities);
    } catch (CallFailedException e) {
      log.warn("{} failed ({}): {}", tool.name(), e.reason(), e.getMessage());
      e.notices().forEach(notice -> reporter.report(LoggingLevel.WARNING, component.id(), notice));
      String notices = e.notices().isEmpty() ? "" : "\n" + String.join("\n", e.notices());
      return error(
          tool.name() + " failed: " + e.getMessage() + notices + stderrTail(e.stderrText()));
    }
    if (!result.stderrText().isEmpty()) {
      log.debug("{} wrote to stderr: {}", tool.name(), result.stderrText());
      reporter.report(LoggingLevel.INFO, component.id(), result.stderrText().strip());
    }
    result
        .notices()
        .forEach(notice -> reporter.report(LoggingLevel.WARNING, component.id(), notice));
    JsonNode structured = JsonResults.toJson(result.value(), function.type());
    return CallToolResult.builder()
        .structuredContent(json.convertValue(structured, Map.class))
        .addTextContent(json.writeValueAsString(structured))
        .isError(JsonResults.isError(result.value(), function.type()))
        .build();
  }

  private static String stderrTail(String stderr) {
    if (stderr.isBlank()) {
      return "";
    }
    String tail =
        stderr.length() > 2000 ? "..." + stderr.substring(stderr.length() - 2000) : stderr;
    return "\nguest stderr:\n" + tail.strip();
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
