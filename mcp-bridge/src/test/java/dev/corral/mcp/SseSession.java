package dev.corral.mcp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A raw legacy HTTP+SSE session: the {@code GET /sse} stream, read line by line, and POSTs of
 * chosen bodies to the message endpoint it announces.
 */
final class SseSession implements AutoCloseable {
  private static final long WAIT_SECONDS = 60;

  private final HttpClient http;
  private final String base;
  private final BlockingQueue<String> data = new LinkedBlockingQueue<>();
  private final java.util.List<String> everyLine =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Stream<String> lines;
  private final String messageUrl;

  /** Opens {@code base + "/sse"} and waits for the {@code endpoint} event. */
  SseSession(HttpClient http, String base) throws Exception {
    this.http = http;
    this.base = base;
    HttpResponse<Stream<String>> stream =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/sse"))
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    if (stream.statusCode() != 200) {
      throw new AssertionError("GET /sse answered " + stream.statusCode());
    }
    this.lines = stream.body();
    Iterator<String> lines = this.lines.iterator();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                while (lines.hasNext()) {
                  String line = lines.next();
                  everyLine.add(line);
                  if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                  }
                }
              } catch (RuntimeException closed) {
                // the stream ended
              }
            });
    messageUrl = base + nextData();
  }

  /** POSTs {@code body} to the session's message endpoint. */
  HttpResponse<String> post(String body) throws Exception {
    return http.send(message(body), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * POSTs {@code body} without waiting for the answer: the SDK answers the POST of a request only
   * once the request is handled (its reply goes to the stream).
   */
  java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(String body) {
    return http.sendAsync(message(body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest message(String body) {
    return HttpRequest.newBuilder(URI.create(messageUrl))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** The next message on the stream. */
  JsonNode nextMessage() throws Exception {
    return McpProcess.JSON.readTree(nextData());
  }

  /** The next message on the stream, or null if none comes within {@code millis}. */
  JsonNode pollMessage(long millis) throws InterruptedException {
    String line = data.poll(millis, TimeUnit.MILLISECONDS);
    return line == null ? null : McpProcess.JSON.readTree(line);
  }

  /**
   * The next message on the stream that has the id {@code id}, skipping notifications and other
   * replies.
   */
  JsonNode replyTo(int id) throws Exception {
    while (true) {
      JsonNode message = nextMessage();
      if (message.path("id").isIntegralNumber() && message.get("id").asInt() == id) {
        return message;
      }
    }
  }

  /** Sends initialize and notifications/initialized, as id 1. */
  void initialize() throws Exception {
    post(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"sse-test\",\"version\":\"1\"}}}");
    replyTo(1);
    post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  /** Every line read from the stream so far, as sent (without line endings). */
  java.util.List<String> linesSoFar() {
    return java.util.List.copyOf(everyLine);
  }

  private String nextData() throws InterruptedException {
    String line = data.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("nothing on " + base + "/sse within " + WAIT_SECONDS + " s");
    }
    return line;
  }

  @Override
  public void close() {
    lines.close();
  }
}
