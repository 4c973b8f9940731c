package dev.corral.mcp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands between the process's stdin/stdout and the SDK's stdio transport, which ends the session
 * on a line it cannot take. Each valid JSON-RPC message (see {@link JsonRpcMessages}) is passed on;
 * a line that is not JSON gets a parse error (-32700), one that is JSON but not a valid message, or
 * longer than {@value #MAX_LINE} bytes, an invalid-request error (-32600), and the server keeps
 * serving. Outgoing messages are written as whole lines.
 */
public final class JsonRpcLineGuard {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcLineGuard.class);
  private static final int PIPE_BUFFER = 1 << 16;

  /**
   * The longest line read from stdin, in bytes; a longer one is answered with -32600 and skipped.
   */
  static final int MAX_LINE = 4 << 20;

  private final InputStream in;
  private final Duration drainLimit;
  private final RunningCalls running;
  private final ModernDispatcher modern;
  private final OutputStream out;
  private final JsonMapper json;
  private final PipedInputStream sdkInput;
  private final PipedOutputStream pump;
  private final LineAtomicOutputStream sdkOutput;
  private final CountDownLatch endOfInput = new CountDownLatch(1);
  private final PendingRequests pending = new PendingRequests();
  private volatile Runnable onInitialized = () -> {};

  /**
   * Guards {@code in} and {@code out}, the process's stdin and stdout. Requests still running when
   * stdin closes get {@code drainLimit} to finish. MCP 2026-07-28 messages (stateless: their {@code
   * _meta} names the protocol version) are answered by {@code modern}, each request on a virtual
   * thread of its own, and never reach the SDK.
   */
  JsonRpcLineGuard(
      InputStream in,
      OutputStream out,
      JsonMapper json,
      Duration drainLimit,
      RunningCalls running,
      ModernDispatcher modern) {
    this.drainLimit = drainLimit;
    this.running = running;
    this.modern = modern;
    this.in = in;
    this.out = out;
    this.json = json;
    this.sdkInput = new PipedInputStream(PIPE_BUFFER);
    try {
      this.pump = new PipedOutputStream(sdkInput);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.sdkOutput = new LineAtomicOutputStream(out, this::sent);
  }

  /** What the SDK transport reads: only well-formed lines. */
  public InputStream sdkInput() {
    return sdkInput;
  }

  /** What the SDK transport writes to. */
  public OutputStream sdkOutput() {
    return sdkOutput;
  }

  /** Runs {@code action} after passing on the client's {@code notifications/initialized}. */
  public void onInitialized(Runnable action) {
    this.onInitialized = action;
  }

  /** Starts forwarding stdin on a background thread. */
  public void start() {
    Thread.ofPlatform().daemon().name("corral-stdin").start(this::forward);
  }

  /**
   * Blocks until stdin is closed and every request read from it has been answered (or the drain
   * limit has passed since stdin closed). Only then does the SDK see the end of its input, since it
   * abandons requests still running when its input ends.
   */
  public void awaitEndOfInput() throws InterruptedException {
    endOfInput.await();
  }

  private void sent(byte[] line) {
    try {
      JsonNode message = json.readTree(line);
      if (message.has("id") && (message.has("result") || message.has("error"))) {
        pending.answered(message.get("id"));
      }
    } catch (JacksonException e) {
      log.error("the server wrote a line that is not JSON: {}", e.getOriginalMessage());
    }
  }

  private void forward() {
    BoundedLineReader reader = new BoundedLineReader(in, MAX_LINE);
    try (PipedOutputStream sink = pump) {
      BoundedLineReader.Line line;
      while ((line = reader.next()) != null) {
        switch (line) {
          case BoundedLineReader.TooLong tooLong ->
              reject(JsonRpcMessages.tooLong(tooLong.length(), MAX_LINE), null);
          case BoundedLineReader.Complete complete when isBlank(complete.bytes()) -> {}
          case BoundedLineReader.Complete complete -> {
            switch (JsonRpcMessages.read(json, complete.bytes())) {
              case JsonRpcMessages.Rejected rejected -> reject(rejected, complete.bytes());
              case JsonRpcMessages.Message message -> {
                JsonNode id = message.requestId();
                if (id != null) {
                  pending.asked(id);
                }
                if (message.json().has("method") && ModernProtocol.isModern(message.json(), null)) {
                  answerModern(forwarded(message.json()), id);
                  continue;
                }
                // re-written, not passed on as read: the SDK also ends lines at a lone \r
                sink.write(json.writeValueAsBytes(forwarded(message.json())));
                sink.write('\n');
                sink.flush();
                if (io.modelcontextprotocol.spec.McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(
                        message.json().path("method").asString(null))
                    && id == null) {
                  onInitialized.run();
                }
              }
            }
          }
        }
      }
      if (!pending.awaitNone(drainLimit)) {
        log.warn(
            "stdin closed; {} request(s) still unanswered after {}", pending.count(), drainLimit);
      }
    } catch (IOException e) {
      log.error("stdin closed with an error: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      endOfInput.countDown();
    }
  }

  /**
   * The message to pass on: a {@code tools/call} carries its request id in {@code _meta} (so that
   * the call can be cancelled); a {@code notifications/cancelled} stops the call it names.
   */
  private ObjectNode forwarded(ObjectNode message) {
    CallMeta.tag(message, JsonNode::toString);
    CallMeta.cancelledRequest(message)
        .ifPresent(
            requestId -> {
              if (running.cancel(requestId.toString())) {
                log.info("cancelled the tool call of request {}", requestId);
              }
            });
    return message;
  }

  /** Answers a 2026-07-28 request on a virtual thread; a notification needs nothing more. */
  private void answerModern(ObjectNode message, JsonNode id) {
    if (id == null) {
      return;
    }
    Thread.ofVirtual()
        .name("corral-mcp-call")
        .start(
            () -> {
              ObjectNode answer = modern.answer(message, id.toString(), this::writeModern);
              writeModern(answer);
            });
  }

  private void writeModern(ObjectNode message) {
    try {
      sdkOutput.writeLine(json.writeValueAsBytes(message));
    } catch (IOException e) {
      log.error("could not write to stdout: {}", e.getMessage());
    }
  }

  private void reject(JsonRpcMessages.Rejected rejected, byte[] line) throws IOException {
    sdkOutput.writeLine(json.writeValueAsBytes(rejected.reply(json)));
    log.warn(
        "dropped a line on stdin ({}){}",
        rejected.message(),
        line == null ? "" : ": " + excerpt(line));
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String excerpt(byte[] line) {
    String text = new String(line, 0, Math.min(line.length, 80), StandardCharsets.UTF_8);
    return line.length > 80 ? text + "..." : text;
  }
}
