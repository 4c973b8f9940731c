package dev.corral.mcp.server;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The SDK's stdio transport with its outgoing messages handed over one at a time. The SDK queues
 * each message on a sink that refuses concurrent producers and retries by spinning for 100 ms;
 * when many tool calls finish at once (a client sending calls in parallel), the spinning threads
 * starve each other on a small machine, messages are dropped and the session stops answering.
 * Serializing the hand-over (which only enqueues, it does not write) removes the contention.
 */
final class SerializedStdioTransport implements McpServerTransportProvider {
  private final StdioServerTransportProvider delegate;

  SerializedStdioTransport(StdioServerTransportProvider delegate) {
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

  /** A session's transport whose {@link #sendMessage} enqueues under one lock. */
  private static final class Session implements McpServerTransport {
    private final McpServerTransport transport;
    private final Object enqueueLock = new Object();

    Session(McpServerTransport transport) {
      this.transport = transport;
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
      return Mono.defer(() -> {
        synchronized (enqueueLock) {
          // subscribing runs the SDK's enqueue now, inside the lock; it does not block
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
