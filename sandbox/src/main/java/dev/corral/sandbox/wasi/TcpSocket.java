package dev.corral.sandbox.wasi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The host side of a {@code wasi:sockets/tcp.tcp-socket}: an outgoing connection only. */
final class TcpSocket implements AutoCloseable {
  enum State {
    UNBOUND,
    CONNECTED,
    FAILED,
    STREAMS_TAKEN,
    CLOSED
  }

  final boolean ipv6;
  State state = State.UNBOUND;
  SocketChannel channel;

  /** The network error-code case of a failed connect. */
  SocketsErrorCode failure;

  TcpSocket(boolean ipv6) {
    this.ipv6 = ipv6;
  }

  void connect(InetSocketAddress remote) throws IOException {
    channel = SocketChannel.open();
    channel.socket().connect(remote, 10_000);
    state = State.CONNECTED;
  }

  HostInputStream input() {
    return new HostInputStream() {
      @Override
      public byte[] read(int max) throws StreamException {
        try {
          ByteBuffer buf = ByteBuffer.allocate(Math.max(1, Math.min(max, 65536)));
          int n = channel.read(buf);
          if (n < 0) {
            throw StreamException.closed();
          }
          byte[] out = new byte[n];
          buf.flip().get(out);
          return out;
        } catch (IOException e) {
          throw StreamException.failed(String.valueOf(e.getMessage()));
        }
      }
    };
  }

  HostOutputStream output() {
    return new HostOutputStream() {
      @Override
      public long checkWrite() throws StreamException {
        if (!channel.isOpen()) {
          throw StreamException.closed();
        }
        return 65536;
      }

      @Override
      public void write(byte[] bytes) throws StreamException {
        try {
          ByteBuffer buf = ByteBuffer.wrap(bytes);
          while (buf.hasRemaining()) {
            channel.write(buf);
          }
        } catch (IOException e) {
          throw StreamException.failed(String.valueOf(e.getMessage()));
        }
      }
    };
  }

  @Override
  public void close() {
    state = State.CLOSED;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a socket the guest dropped
      }
    }
  }
}
