package dev.corral.mcp.server;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the user, through MCP elicitation, to approve something an agent asked for (a permission
 * grant, a component that brings its own permissions). A client that cannot elicit gets a refusal,
 * unless the server was started trusting the agent's requests. The user has {@link
 * CorralServer#CLIENT_REQUEST_TIMEOUT} to answer; a question that fails or is not answered in time
 * is a refusal.
 */
public final class ApprovalGate {
  private static final Logger log = LoggerFactory.getLogger(ApprovalGate.class);
  private final boolean trustAgentWithoutAsking;

  /** {@code trustAgentWithoutAsking}: approve without asking when the client cannot elicit. */
  public ApprovalGate(boolean trustAgentWithoutAsking) {
    this.trustAgentWithoutAsking = trustAgentWithoutAsking;
  }

  /** The outcome: approved, or refused with the reason. */
  public record Decision(boolean approved, String reason) {}

  /**
   * Asks the user to approve what {@code question} says would change; {@code byHand} says how the
   * user can do it without the agent (e.g. "grant it with `corral permission grant ...`"), for a
   * client that cannot ask.
   */
  public Decision ask(McpSyncServerExchange exchange, ApprovalQuestion question, String byHand) {
    McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
    if (capabilities == null || capabilities.elicitation() == null) {
      return trustAgentWithoutAsking
          ? new Decision(true, "approved without asking (--trust-agent-grants)")
          : new Decision(
              false,
              "refused: this client cannot ask the user for approval (MCP elicitation); "
                  + byHand
                  + ", or start the server with --trust-agent-grants");
    }
    Map<String, Object> schema =
        Map.of(
            "type", "object",
            "properties",
                Map.of(
                    "approve",
                    Map.of(
                        "type", "boolean",
                        "title", "Approve",
                        "description", "Allow this change")),
            "required", List.of("approve"));
    McpSchema.ElicitResult answer;
    try {
      answer =
          exchange.createElicitation(
              McpSchema.ElicitFormRequest.builder(question.text(), schema).build());
    } catch (ModernSession.InputRequiredException e) {
      throw e; // a 2026-07-28 client answers in a retry of the request (see ModernSession)
    } catch (RuntimeException e) {
      log.warn("asking the user to approve ({}) failed: {}", question.request(), e.toString());
      return new Decision(
          false,
          timedOut(e)
              ? "refused: the user did not answer within "
                  + CorralServer.CLIENT_REQUEST_TIMEOUT.toMinutes()
                  + " minutes"
              : "refused: asking the user for approval failed: " + e.getMessage());
    }
    if (answer.action() == McpSchema.ElicitResult.Action.ACCEPT
        && answer.content() != null
        && Boolean.TRUE.equals(answer.content().get("approve"))) {
      return new Decision(true, "approved by the user");
    }
    return new Decision(
        false,
        "refused by the user (" + answer.action().name().toLowerCase(java.util.Locale.ROOT) + ")");
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
