package dev.corral.mcp.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 * Stands between the process's stdin/stdout and the SDK's stdio transport, which gives up on a
 * malformed line. Each well-formed JSON-RPC line is passed on; a line that is not JSON gets a
 * parse error (-32700) and one that is JSON but not a message gets an invalid-request error
 * (-32600), and the server keeps serving. Outgoing messages are written as whole lines.
 */
public final class JsonRpcLineGuard {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcLineGuard.class);
  private static final int PIPE_BUFFER = 1 << 16;

  private final InputStream in;
  private final Duration drainLimit;
  private final RunningCalls running;
  private final OutputStream out;
  private final JsonMapper json;
  private final PipedInputStream sdkInput;
  private final PipedOutputStream pump;
  private final LineAtomicOutputStream sdkOutput;
  private final CountDownLatch endOfInput = new CountDownLatch(1);
  private final PendingRequests pending = new PendingRequests();

  /**
   * Guards {@code in} and {@code out}, the process's stdin and stdout. Requests still running
   * when stdin closes get {@code drainLimit} to finish.
   */
  public JsonRpcLineGuard(InputStream in, OutputStream out, JsonMapper json, Duration drainLimit, RunningCalls running) {
    this.drainLimit = drainLimit;
    this.running = running;
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

  /** Starts forwarding stdin on a background thread. */
  public void start() {
    Thread.ofPlatform().daemon().name("corral-stdin").start(this::forward);
  }

  /**
   * Blocks until stdin is closed and every request read from it has been answered (or the drain
   * limit has passed since stdin closed). Only then does the SDK see the end of its input, since
   * it abandons requests still running when its input ends.
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
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        PipedOutputStream sink = pump) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode message = parse(line);
        if (message != null) {
          trackRequests(message);
          sink.write((forwarded(message, line) + "\n").getBytes(StandardCharsets.UTF_8));
          sink.flush();
        }
      }
      if (!pending.awaitNone(drainLimit)) {
        log.warn("stdin closed; {} request(s) still unanswered after {}", pending.count(), drainLimit);
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
   * The line to pass on: a {@code tools/call} carries its request id in {@code _meta} (so that the
   * call can be cancelled); a {@code notifications/cancelled} stops the call it names.
   */
  private String forwarded(JsonNode message, String line) {
    if (!(message instanceof ObjectNode object)) {
      return line;
    }
    String method = object.path("method").asString("");
    if (method.equals("tools/call") && object.has("id") && object.path("params").isObject()) {
      ObjectNode params = (ObjectNode) object.get("params");
      JsonNode meta = params.get("_meta");
      ObjectNode writableMeta = meta instanceof ObjectNode existing ? existing : params.putObject("_meta");
      writableMeta.put(RunningCalls.REQUEST_ID_META, object.get("id").toString());
      return json.writeValueAsString(object);
    }
    if (method.equals("notifications/cancelled")) {
      JsonNode requestId = object.path("params").path("requestId");
      if (!requestId.isMissingNode() && running.cancel(requestId.toString())) {
        log.info("cancelled the tool call of request {}", requestId);
      }
    }
    return line;
  }

  private void trackRequests(JsonNode message) {
    if (message.isArray()) {
      message.forEach(this::trackRequests);
    } else if (message.has("id") && message.has("method")) {
      pending.asked(message.get("id"));
    }
  }

  /** The message on {@code line}; null, after answering with an error, if it is not one. */
  private JsonNode parse(String line) throws IOException {
    JsonNode message;
    try {
      message = json.readTree(line);
    } catch (JacksonException e) {
      String reason = "Parse error: " + e.getOriginalMessage();
      reply(-32700, reason);
      log.warn("dropped a malformed JSON-RPC line: {}", reason);
      return null;
    }
    if (!message.isObject() && !(message.isArray() && !message.isEmpty())) {
      reply(-32600, "Invalid Request: a JSON-RPC message must be an object");
      log.warn("dropped a JSON-RPC line that is not a message: {}", line.length() > 80 ? line.substring(0, 80) + "..." : line);
      return null;
    }
    return message;
  }

  private void reply(int code, String message) throws IOException {
    ObjectNode error = json.createObjectNode();
    error.put("jsonrpc", "2.0");
    error.putNull("id");
    error.putObject("error").put("code", code).put("message", message);
    sdkOutput.writeLine(json.writeValueAsBytes(error));
  }
}
