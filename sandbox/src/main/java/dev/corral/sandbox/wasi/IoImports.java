package dev.corral.sandbox.wasi;

import static dev.corral.sandbox.wasi.Wit.*;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code wasi:io/error}, {@code wasi:io/poll} and {@code wasi:io/streams}. */
final class IoImports {
  /**
   * The most bytes one read returns (short reads are allowed): bounds the host-side value a single
   * call builds.
   */
  static final int MAX_READ = 64 << 10;

  /** The most random bytes one request may ask for. */
  static final int MAX_RANDOM = 1 << 20;

  final ResourceType error;
  final ResourceType pollable;
  final ResourceType inputStream;
  final ResourceType outputStream;
  final VariantType streamError;
  private final WasiContext ctx;

  IoImports(WasiContext ctx, List<HostInstance> out) {
    this.ctx = ctx;
    HostInstance.Builder errorB = HostInstance.builder("wasi:io/error@" + WasiHost.VERSION);
    error = errorB.resource("error", ctx.errors::drop);
    ctx.errors.bind(error);
    errorB.function(
        "[method]error.to-debug-string",
        method(error, STRING),
        args -> Optional.of(str(ctx.errors.get(args.get(0)))));
    out.add(errorB.build());

    HostInstance.Builder pollB = HostInstance.builder("wasi:io/poll@" + WasiHost.VERSION);
    pollable = pollB.resource("pollable", ctx.pollables::drop);
    ctx.pollables.bind(pollable);
    pollB.function(
        "[method]pollable.ready",
        method(pollable, BOOL),
        args -> Optional.of(bool(ctx.pollables.get(args.get(0)).ready())));
    pollB.function(
        "[method]pollable.block",
        method(pollable, null),
        args -> {
          block(ctx.pollables.get(args.get(0)));
          return Optional.empty();
        });
    pollB.function(
        "poll",
        fn(list(U32), "in", list(borrow(pollable))),
        args -> Optional.of(poll(args.get(0))));
    out.add(pollB.build());

    HostInstance.Builder streams = HostInstance.builder("wasi:io/streams@" + WasiHost.VERSION);
    inputStream = streams.resource("input-stream", ctx.inputStreams::drop);
    outputStream = streams.resource("output-stream", ctx.outputStreams::drop);
    ctx.inputStreams.bind(inputStream);
    ctx.outputStreams.bind(outputStream);
    streamError = variant("last-operation-failed", own(error), "closed", null);
    var readResult = result(BYTES, streamError);
    var u64Result = result(U64, streamError);
    var unitResult = result(null, streamError);
    streams.function(
        "[method]input-stream.read",
        method(inputStream, readResult, "len", U64),
        args -> Optional.of(read(args, false)));
    streams.function(
        "[method]input-stream.blocking-read",
        method(inputStream, readResult, "len", U64),
        args -> Optional.of(read(args, true)));
    streams.function(
        "[method]input-stream.skip",
        method(inputStream, u64Result, "len", U64),
        args -> Optional.of(skip(args)));
    streams.function(
        "[method]input-stream.blocking-skip",
        method(inputStream, u64Result, "len", U64),
        args -> Optional.of(skip(args)));
    streams.function(
        "[method]input-stream.subscribe",
        method(inputStream, own(pollable)),
        args -> Optional.of(ctx.pollables.add(Pollable.alwaysReady())));
    streams.function(
        "[method]output-stream.check-write",
        method(outputStream, u64Result),
        args -> Optional.of(checkWrite(args)));
    streams.function(
        "[method]output-stream.write",
        method(outputStream, unitResult, "contents", BYTES),
        args -> Optional.of(write(args.get(0), toBytes(args.get(1)))));
    streams.function(
        "[method]output-stream.blocking-write-and-flush",
        method(outputStream, unitResult, "contents", BYTES),
        args -> Optional.of(write(args.get(0), toBytes(args.get(1)))));
    streams.function(
        "[method]output-stream.flush",
        method(outputStream, unitResult),
        args -> Optional.of(flush(args.get(0))));
    streams.function(
        "[method]output-stream.blocking-flush",
        method(outputStream, unitResult),
        args -> Optional.of(flush(args.get(0))));
    streams.function(
        "[method]output-stream.subscribe",
        method(outputStream, own(pollable)),
        args -> Optional.of(ctx.pollables.add(Pollable.alwaysReady())));
    streams.function(
        "[method]output-stream.write-zeroes",
        method(outputStream, unitResult, "len", U64),
        args -> Optional.of(write(args.get(0), zeroes(args.get(1)))));
    streams.function(
        "[method]output-stream.blocking-write-zeroes-and-flush",
        method(outputStream, unitResult, "len", U64),
        args -> Optional.of(write(args.get(0), zeroes(args.get(1)))));
    streams.function(
        "[method]output-stream.splice",
        method(outputStream, u64Result, "src", borrow(inputStream), "len", U64),
        args -> Optional.of(splice(args)));
    streams.function(
        "[method]output-stream.blocking-splice",
        method(outputStream, u64Result, "src", borrow(inputStream), "len", U64),
        args -> Optional.of(splice(args)));
    out.add(streams.build());
  }

  private static void block(Pollable p) throws ComponentTrap {
    try {
      p.block();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComponentTrap("interrupted while blocked on a pollable");
    }
  }

  private Value poll(Value list) throws ComponentTrap {
    List<Value> handles = ((ListValue) list).elements();
    if (handles.isEmpty()) {
      throw new ComponentTrap("wasi:io/poll.poll called with an empty list");
    }
    List<Pollable> polls = new ArrayList<>();
    for (Value h : handles) {
      polls.add(ctx.pollables.get(h));
    }
    while (true) {
      List<Value> ready = new ArrayList<>();
      for (int i = 0; i < polls.size(); i++) {
        if (polls.get(i).ready()) {
          ready.add(u32(i));
        }
      }
      if (!ready.isEmpty()) {
        return new ListValue(ready);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ComponentTrap("interrupted while polling");
      }
    }
  }

  private static int clampLength(Value len) {
    long n = toLong(len);
    return n < 0 || n > MAX_READ ? MAX_READ : (int) n;
  }

  private Value read(List<Value> args, boolean blocking) throws ComponentTrap {
    HostInputStream in = ctx.inputStreams.get(args.get(0));
    try {
      int max = clampLength(args.get(1));
      return ResultValue.ok(bytes(blocking ? in.blockingRead(max) : in.read(max)));
    } catch (StreamException e) {
      return ResultValue.err(streamError(e));
    }
  }

  private Value skip(List<Value> args) throws ComponentTrap {
    HostInputStream in = ctx.inputStreams.get(args.get(0));
    try {
      return ResultValue.ok(u64(in.blockingRead(clampLength(args.get(1))).length));
    } catch (StreamException e) {
      return ResultValue.err(streamError(e));
    }
  }

  private Value checkWrite(List<Value> args) throws ComponentTrap {
    try {
      return ResultValue.ok(u64(ctx.outputStreams.get(args.get(0)).checkWrite()));
    } catch (StreamException e) {
      return ResultValue.err(streamError(e));
    }
  }

  private Value write(Value handle, byte[] data) throws ComponentTrap {
    try {
      ctx.outputStreams.get(handle).write(data);
      return ResultValue.ok(null);
    } catch (StreamException e) {
      return ResultValue.err(streamError(e));
    }
  }

  private Value flush(Value handle) throws ComponentTrap {
    try {
      ctx.outputStreams.get(handle).flush();
      return ResultValue.ok(null);
    } catch (StreamException e) {
      return ResultValue.err(streamError(e));
    }
  }

  private static byte[] zeroes(Value len) {
    return new byte[clampLength(len)];
  }

  private Value splice(List<Value> args) throws ComponentTrap {
    HostOutputStream out = ctx.outputStreams.get(args.get(0));
    HostInputStream in = ctx.inputStreams.get(args.get(1));
    try {
      byte[] data = in.blockingRead(clampLength(args.get(2)));
      out.write(data);
      return ResultValue.ok(u64(data.length));
    } catch (StreamException e) {
      return ResultValue.err(streamError(e));
    }
  }

  /** The {@code stream-error} value for a failure. */
  Value streamError(StreamException e) throws ComponentTrap {
    if (e.isClosed()) {
      return new VariantValue(1, Optional.empty());
    }
    return new VariantValue(0, Optional.of(ctx.errors.add(e.getMessage())));
  }
}
