package dev.corral.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a registry that, once armed, drops every connection after it has relayed
 * a given number of response bytes: a registry that goes away in the middle of a download.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final List<Socket> sockets = new ArrayList<>();
  private final Thread acceptor;
  private volatile long cutAfter = Long.MAX_VALUE;
  private volatile boolean stallInsteadOfCut;
  private final AtomicLong relayedSinceArmed = new AtomicLong();

  CuttingProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().start(this::accept);
  }

  String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /**
   * From now on, cut all connections once {@code bytes} response bytes have been relayed in total.
   */
  void cutAfter(long bytes) {
    relayedSinceArmed.set(0);
    stallInsteadOfCut = false;
    cutAfter = bytes;
  }

  /** From now on, stop relaying (but keep connections open) after {@code bytes} response bytes. */
  void stallAfter(long bytes) {
    relayedSinceArmed.set(0);
    stallInsteadOfCut = true;
    cutAfter = bytes;
  }

  long relayedSinceArmed() {
    return relayedSinceArmed.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      try {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(upstream);
        }
        Thread.ofVirtual().start(() -> pump(client, upstream, false));
        Thread.ofVirtual().start(() -> pump(upstream, client, true));
      } catch (IOException upstreamDown) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean response) {
    byte[] buffer = new byte[1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (response && cutAfter != Long.MAX_VALUE) {
          long before = relayedSinceArmed.getAndAdd(n);
          if (before + n > cutAfter) {
            int allowed = (int) Math.max(0, cutAfter - before);
            out.write(buffer, 0, allowed);
            out.flush();
            if (stallInsteadOfCut) {
              while (in.read(buffer) > 0) {
                // swallow: the client sees a connection that has gone quiet
              }
            }
            break;
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // the other side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      sockets.forEach(CuttingProxy::closeQuietly);
    }
    try {
      acceptor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
