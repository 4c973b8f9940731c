package dev.corral.mcp.server;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * An SDK transport whose sessions send one message at a time. When many tool calls finish at once
 * (a client sending calls in parallel), the SDK's transports misbehave: stdio queues each message
 * on a sink that refuses concurrent producers and retries by spinning for 100 ms, so on a loaded
 * machine the spinning threads starve each other, messages are dropped and the session stops
 * answering; the legacy SSE transport writes an event's two lines in separate writes, so two events
 * can interleave. Sending under one lock per session removes both.
 */
final class SerializedTransport implements McpServerTransportProvider {
  private final McpServerTransportProvider delegate;

  SerializedTransport(McpServerTransportProvider delegate) {
    this.delegate = delegate;
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory factory) {
    delegate.setSessionFactory(transport -> factory.create(new Session(transport)));
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return delegate.notifyClients(method, params);
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return delegate.notifyClient(sessionId, method, params);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }

  /** A session's transport whose {@link #sendMessage} runs under one lock. */
  private static final class Session implements McpServerTransport {
    private final McpServerTransport transport;
    private final Object sendLock = new Object();

    Session(McpServerTransport transport) {
      this.transport = transport;
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
      return Mono.defer(
          () -> {
            synchronized (sendLock) {
              // subscribing runs the SDK's send now, inside the lock (it enqueues or writes; it
              // does not wait)
              return Mono.fromFuture(transport.sendMessage(message).toFuture());
            }
          });
    }

    @Override
    public Mono<Void> closeGracefully() {
      return transport.closeGracefully();
    }

    @Override
    public void close() {
      transport.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return transport.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
      return transport.protocolVersions();
    }
  }
}
