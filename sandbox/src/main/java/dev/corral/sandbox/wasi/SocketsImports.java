package dev.corral.sandbox.wasi;

import static dev.corral.sandbox.wasi.SocketsErrorCode.*;
import static dev.corral.sandbox.wasi.Wit.*;

import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.capability.NetworkAccess;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi:sockets}: name lookup and outgoing TCP connections, each checked against the policy
 * ({@link NetworkAccess#allowsLookup}, {@link NetworkAccess#allows} with scheme {@code tcp}) and
 * the address rules; binding, listening and UDP are refused with {@code access-denied}.
 */
final class SocketsImports {
  private static final Logger log = LoggerFactory.getLogger(SocketsImports.class);

  /** The most TCP sockets one call may hold. */
  static final int MAX_SOCKETS = 64;

  private final WasiContext ctx;
  private final IoImports io;
  private final ResourceTable<TcpSocket> tcp;
  private final ResourceTable<Iterator<InetAddress>> lookups;

  /** Which names the guest resolved to which addresses in this call, for policy checks. */
  private final Map<InetAddress, String> names = new HashMap<>();

  private SocketsImports(WasiContext ctx, IoImports io) {
    this.ctx = ctx;
    this.io = io;
    this.tcp = new ResourceTable<>("tcp-socket", ctx);
    this.lookups = new ResourceTable<>("resolve-address-stream", ctx);
    ctx.onClose(tcp);
  }

  static void register(WasiContext ctx, IoImports io, List<HostInstance> out) {
    new SocketsImports(ctx, io).register(out);
  }

  private void register(List<HostInstance> out) {
    String v = "@" + WasiHost.VERSION;
    HostInstance.Builder network = HostInstance.builder("wasi:sockets/network" + v);
    ResourceType networkType = network.resource("network", ctx.network::drop);
    ctx.network.bind(networkType);
    EnumType errorCode =
        enumOf(
            Arrays.stream(SocketsErrorCode.values())
                .map(SocketsErrorCode::witName)
                .toArray(String[]::new));
    EnumType family = enumOf("ipv4", "ipv6");
    ValType v4 = tuple(U8, U8, U8, U8);
    ValType v6 = tuple(U16, U16, U16, U16, U16, U16, U16, U16);
    VariantType ipAddress = variant("ipv4", v4, "ipv6", v6);
    VariantType socketAddress =
        variant(
            "ipv4", record("port", U16, "address", v4),
            "ipv6", record("port", U16, "flow-info", U32, "address", v6, "scope-id", U32));
    network.function(
        "network-error-code",
        fn(option(errorCode), "err", borrow(io.error)),
        a -> Optional.of(OptionValue.none()));
    out.add(network.build());
    out.add(
        HostInstance.builder("wasi:sockets/instance-network" + v)
            .function(
                "instance-network",
                fn(own(networkType)),
                a -> Optional.of(ctx.network.add(new Object())))
            .build());

    HostInstance.Builder lookup = HostInstance.builder("wasi:sockets/ip-name-lookup" + v);
    ResourceType addresses = lookup.resource("resolve-address-stream", lookups::drop);
    lookups.bind(addresses);
    lookup.function(
        "resolve-addresses",
        fn(result(own(addresses), errorCode), "network", borrow(networkType), "name", STRING),
        a -> Optional.of(resolve(toStr(a.get(1)))));
    lookup.function(
        "[method]resolve-address-stream.resolve-next-address",
        method(addresses, result(option(ipAddress), errorCode)),
        a -> {
          Iterator<InetAddress> it = lookups.get(a.get(0));
          return Optional.of(
              ResultValue.ok(
                  it.hasNext() ? OptionValue.some(ipValue(it.next())) : OptionValue.none()));
        });
    lookup.function(
        "[method]resolve-address-stream.subscribe",
        method(addresses, own(io.pollable)),
        a -> Optional.of(ctx.pollables.add(Pollable.alwaysReady())));
    out.add(lookup.build());

    HostInstance.Builder t = HostInstance.builder("wasi:sockets/tcp" + v);
    ResourceType socket = t.resource("tcp-socket", tcp::drop);
    tcp.bind(socket);
    ResultType unit = result(null, errorCode);
    EnumType shutdownType = enumOf("receive", "send", "both");
    t.function(
        "[method]tcp-socket.start-bind",
        method(socket, unit, "network", borrow(networkType), "local-address", socketAddress),
        a -> err(ACCESS_DENIED));
    t.function("[method]tcp-socket.finish-bind", method(socket, unit), a -> err(NOT_IN_PROGRESS));
    t.function(
        "[method]tcp-socket.start-connect",
        method(socket, unit, "network", borrow(networkType), "remote-address", socketAddress),
        a -> Optional.of(startConnect(tcp.get(a.get(0)), (VariantValue) a.get(2))));
    t.function(
        "[method]tcp-socket.finish-connect",
        method(socket, result(tuple(own(io.inputStream), own(io.outputStream)), errorCode)),
        a -> Optional.of(finishConnect(tcp.get(a.get(0)))));
    t.function("[method]tcp-socket.start-listen", method(socket, unit), a -> err(ACCESS_DENIED));
    t.function("[method]tcp-socket.finish-listen", method(socket, unit), a -> err(NOT_IN_PROGRESS));
    t.function(
        "[method]tcp-socket.accept",
        method(
            socket,
            result(tuple(own(socket), own(io.inputStream), own(io.outputStream)), errorCode)),
        a -> err(INVALID_STATE));
    t.function(
        "[method]tcp-socket.local-address",
        method(socket, result(socketAddress, errorCode)),
        a -> Optional.of(address(tcp.get(a.get(0)), true)));
    t.function(
        "[method]tcp-socket.remote-address",
        method(socket, result(socketAddress, errorCode)),
        a -> Optional.of(address(tcp.get(a.get(0)), false)));
    t.function(
        "[method]tcp-socket.is-listening", method(socket, BOOL), a -> Optional.of(bool(false)));
    t.function(
        "[method]tcp-socket.address-family",
        method(socket, family),
        a -> Optional.of(new EnumValue(tcp.get(a.get(0)).ipv6 ? 1 : 0)));
    t.function(
        "[method]tcp-socket.set-listen-backlog-size",
        method(socket, unit, "value", U64),
        a -> err(NOT_SUPPORTED));
    t.function(
        "[method]tcp-socket.keep-alive-enabled",
        method(socket, result(BOOL, errorCode)),
        a -> Optional.of(ResultValue.ok(bool(false))));
    t.function(
        "[method]tcp-socket.set-keep-alive-enabled",
        method(socket, unit, "value", BOOL),
        a -> ok());
    for (String name : List.of("keep-alive-idle-time", "keep-alive-interval")) {
      t.function(
          "[method]tcp-socket." + name,
          method(socket, result(U64, errorCode)),
          a -> Optional.of(ResultValue.ok(u64(7_200_000_000_000L))));
      t.function("[method]tcp-socket.set-" + name, method(socket, unit, "value", U64), a -> ok());
    }
    t.function(
        "[method]tcp-socket.keep-alive-count",
        method(socket, result(U32, errorCode)),
        a -> Optional.of(ResultValue.ok(u32(9))));
    t.function(
        "[method]tcp-socket.set-keep-alive-count", method(socket, unit, "value", U32), a -> ok());
    t.function(
        "[method]tcp-socket.hop-limit",
        method(socket, result(U8, errorCode)),
        a -> Optional.of(ResultValue.ok(u8(64))));
    t.function("[method]tcp-socket.set-hop-limit", method(socket, unit, "value", U8), a -> ok());
    for (String name : List.of("receive-buffer-size", "send-buffer-size")) {
      t.function(
          "[method]tcp-socket." + name,
          method(socket, result(U64, errorCode)),
          a -> Optional.of(ResultValue.ok(u64(65536))));
      t.function("[method]tcp-socket.set-" + name, method(socket, unit, "value", U64), a -> ok());
    }
    t.function(
        "[method]tcp-socket.subscribe",
        method(socket, own(io.pollable)),
        a -> Optional.of(ctx.pollables.add(Pollable.alwaysReady())));
    t.function(
        "[method]tcp-socket.shutdown",
        method(socket, unit, "shutdown-type", shutdownType),
        a -> {
          TcpSocket s = tcp.get(a.get(0));
          if (s.channel == null) {
            return err(INVALID_STATE);
          }
          int how = ((EnumValue) a.get(1)).caseIndex();
          try {
            if (how != 1) {
              s.channel.shutdownInput();
            }
            if (how != 0) {
              s.channel.shutdownOutput();
            }
          } catch (IOException e) {
            return err(UNKNOWN);
          }
          return ok();
        });
    out.add(t.build());
    out.add(
        HostInstance.builder("wasi:sockets/tcp-create-socket" + v)
            .function(
                "create-tcp-socket",
                fn(result(own(socket), errorCode), "address-family", family),
                a ->
                    tcp.size() >= MAX_SOCKETS
                        ? err(NEW_SOCKET_LIMIT)
                        : Optional.of(
                            ResultValue.ok(
                                tcp.add(new TcpSocket(((EnumValue) a.get(0)).caseIndex() == 1)))))
            .build());

    HostInstance.Builder udp = HostInstance.builder("wasi:sockets/udp" + v);
    ResourceType udpSocket = udp.resource("udp-socket", ctx.sockets::drop);
    udp.resource("incoming-datagram-stream", ctx.sockets::drop);
    udp.resource("outgoing-datagram-stream", ctx.sockets::drop);
    out.add(udp.build());
    out.add(
        HostInstance.builder("wasi:sockets/udp-create-socket" + v)
            .function(
                "create-udp-socket",
                fn(result(own(udpSocket), errorCode), "address-family", family),
                a -> {
                  ctx.notice("udp socket denied: UDP is not offered to guests");
                  return err(ACCESS_DENIED);
                })
            .build());
  }

  private static Optional<Value> err(SocketsErrorCode code) {
    return Optional.of(ResultValue.err(code.value()));
  }

  private static Optional<Value> ok() {
    return Optional.of(ResultValue.ok(null));
  }

  private Value resolve(String name) throws ComponentTrap {
    String host = name.toLowerCase(Locale.ROOT);
    if (!ctx.capabilities.network().allowsLookup(host)) {
      deny("name lookup of " + host + " is not allowed by the policy");
      return ResultValue.err(ACCESS_DENIED.value());
    }
    try {
      List<InetAddress> found = List.of(InetAddress.getAllByName(host));
      for (InetAddress a : found) {
        names.putIfAbsent(a, host);
      }
      return ResultValue.ok(lookups.add(new ArrayList<>(found).iterator()));
    } catch (UnknownHostException e) {
      return ResultValue.err(NAME_UNRESOLVABLE.value());
    }
  }

  private void deny(String message) {
    ctx.notice("socket denied: " + message);
    log.info("guest socket operation denied: {}", message);
  }

  private Value startConnect(TcpSocket s, VariantValue remote) throws ComponentTrap {
    if (s.state != TcpSocket.State.UNBOUND) {
      return ResultValue.err(INVALID_STATE.value());
    }
    InetSocketAddress target = socketAddress(remote);
    if (target.getPort() == 0 || (target.getAddress() instanceof Inet6Address) != s.ipv6) {
      return ResultValue.err(INVALID_ARGUMENT.value());
    }
    InetAddress address = target.getAddress();
    String host = names.getOrDefault(address, address.getHostAddress());
    Endpoint endpoint = new Endpoint("tcp", host, target.getPort());
    NetworkAccess policy = ctx.capabilities.network();
    if (!policy.allows(endpoint)) {
      deny("connection to " + endpoint + " is not allowed by the policy");
      return ResultValue.err(ACCESS_DENIED.value());
    }
    Optional<String> refusal = RestrictedAddresses.refusal(policy, endpoint, address);
    if (refusal.isPresent()) {
      deny(endpoint + " is " + refusal.get());
      return ResultValue.err(ACCESS_DENIED.value());
    }
    try {
      s.connect(target);
    } catch (ClosedByInterruptException e) {
      throw new ComponentTrap("interrupted while connecting");
    } catch (ConnectException e) {
      s.state = TcpSocket.State.FAILED;
      s.failure = CONNECTION_REFUSED;
    } catch (SocketTimeoutException e) {
      s.state = TcpSocket.State.FAILED;
      s.failure = TIMEOUT;
    } catch (IOException e) {
      s.state = TcpSocket.State.FAILED;
      s.failure = REMOTE_UNREACHABLE;
    }
    return ResultValue.ok(null);
  }

  private Value finishConnect(TcpSocket s) throws ComponentTrap {
    switch (s.state) {
      case CONNECTED -> {
        s.state = TcpSocket.State.STREAMS_TAKEN;
        return ResultValue.ok(
            new TupleValue(
                List.of(ctx.inputStreams.add(s.input()), ctx.outputStreams.add(s.output()))));
      }
      case FAILED -> {
        s.state = TcpSocket.State.CLOSED;
        return ResultValue.err(s.failure.value());
      }
      default -> {
        return ResultValue.err(NOT_IN_PROGRESS.value());
      }
    }
  }

  private static InetSocketAddress socketAddress(VariantValue v) throws ComponentTrap {
    List<Value> fields = ((RecordValue) v.payload().orElseThrow()).fields();
    int port = (int) toLong(fields.get(0));
    try {
      if (v.caseIndex() == 0) {
        List<Value> parts = ((TupleValue) fields.get(1)).elements();
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
          b[i] = (byte) toLong(parts.get(i));
        }
        return new InetSocketAddress(InetAddress.getByAddress(b), port);
      }
      List<Value> parts = ((TupleValue) fields.get(2)).elements();
      byte[] b = new byte[16];
      for (int i = 0; i < 8; i++) {
        long group = toLong(parts.get(i));
        b[2 * i] = (byte) (group >> 8);
        b[2 * i + 1] = (byte) group;
      }
      return new InetSocketAddress(
          Inet6Address.getByAddress(null, b, (int) toLong(fields.get(3))), port);
    } catch (UnknownHostException e) {
      throw new ComponentTrap("invalid socket address: " + e.getMessage());
    }
  }

  private static Value ipValue(InetAddress a) {
    byte[] b = a.getAddress();
    List<Value> parts = new ArrayList<>();
    if (a instanceof Inet4Address) {
      for (byte x : b) {
        parts.add(u8(x));
      }
      return new VariantValue(0, Optional.of(new TupleValue(parts)));
    }
    for (int i = 0; i < 8; i++) {
      parts.add(new IntValue(U16, ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff)));
    }
    return new VariantValue(1, Optional.of(new TupleValue(parts)));
  }

  private static Value address(TcpSocket s, boolean local) {
    if (s.channel == null || !s.channel.isOpen()) {
      return ResultValue.err(INVALID_STATE.value());
    }
    try {
      InetSocketAddress a =
          (InetSocketAddress) (local ? s.channel.getLocalAddress() : s.channel.getRemoteAddress());
      Value ip = ipValue(a.getAddress());
      VariantValue ipv = (VariantValue) ip;
      Value port = new IntValue(U16, a.getPort());
      if (ipv.caseIndex() == 0) {
        return ResultValue.ok(
            new VariantValue(0, Optional.of(new RecordValue(List.of(port, ipv.payload().get())))));
      }
      return ResultValue.ok(
          new VariantValue(
              1, Optional.of(new RecordValue(List.of(port, u32(0), ipv.payload().get(), u32(0))))));
    } catch (IOException e) {
      return ResultValue.err(UNKNOWN.value());
    }
  }
}
