package dev.corral.sandbox.wasi;

import static dev.corral.sandbox.wasi.Wit.*;

import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.Value;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** {@code wasi:clocks} (monotonic-clock, wall-clock) and {@code wasi:random} (all three). */
final class ClockAndRandomImports {
  static final RecordType DATETIME = record("seconds", U64, "nanoseconds", U32);

  private ClockAndRandomImports() {}

  static Value datetime(Instant t) {
    return new RecordValue(List.of(u64(t.getEpochSecond()), u32(t.getNano())));
  }

  static void register(WasiContext ctx, IoImports io, List<HostInstance> out) {
    String v = "@" + WasiHost.VERSION;
    out.add(
        HostInstance.builder("wasi:clocks/monotonic-clock" + v)
            .function("now", fn(U64), args -> Optional.of(u64(ctx.monotonicNow())))
            .function("resolution", fn(U64), args -> Optional.of(u64(1)))
            .function(
                "subscribe-instant",
                fn(own(io.pollable), "when", U64),
                args ->
                    Optional.of(
                        ctx.pollables.add(
                            Pollable.at(ctx.monotonicBase() + saturate(toLong(args.get(0)))))))
            .function(
                "subscribe-duration",
                fn(own(io.pollable), "when", U64),
                args ->
                    Optional.of(
                        ctx.pollables.add(
                            Pollable.at(System.nanoTime() + saturate(toLong(args.get(0)))))))
            .build());
    out.add(
        HostInstance.builder("wasi:clocks/wall-clock" + v)
            .function("now", fn(DATETIME), args -> Optional.of(datetime(Instant.now())))
            .function(
                "resolution",
                fn(DATETIME),
                args -> Optional.of(datetime(Instant.ofEpochSecond(0, 1000))))
            .build());

    SecureRandom secure = new SecureRandom();
    SplittableRandom insecure = new SplittableRandom(secure.nextLong());
    out.add(
        HostInstance.builder("wasi:random/random" + v)
            .function(
                "get-random-bytes",
                fn(BYTES, "len", U64),
                args -> {
                  byte[] b = new byte[randomLength(args.get(0))];
                  secure.nextBytes(b);
                  return Optional.of(bytes(b));
                })
            .function("get-random-u64", fn(U64), args -> Optional.of(u64(secure.nextLong())))
            .build());
    out.add(
        HostInstance.builder("wasi:random/insecure" + v)
            .function(
                "get-insecure-random-bytes",
                fn(BYTES, "len", U64),
                args -> {
                  byte[] b = new byte[randomLength(args.get(0))];
                  insecure.nextBytes(b);
                  return Optional.of(bytes(b));
                })
            .function(
                "get-insecure-random-u64", fn(U64), args -> Optional.of(u64(insecure.nextLong())))
            .build());
    out.add(
        HostInstance.builder("wasi:random/insecure-seed" + v)
            .function(
                "insecure-seed",
                fn(tuple(U64, U64)),
                args -> Optional.of(tupleOf(u64(secure.nextLong()), u64(secure.nextLong()))))
            .build());
  }

  private static long saturate(long nanos) {
    return nanos < 0 ? Long.MAX_VALUE / 2 : Math.min(nanos, Long.MAX_VALUE / 2);
  }

  private static int randomLength(Value len) throws dev.corral.sandbox.error.ComponentTrap {
    long n = toLong(len);
    if (n < 0 || n > IoImports.MAX_RANDOM) {
      throw new dev.corral.sandbox.error.ComponentTrap(
          "random bytes requested: "
              + Long.toUnsignedString(n)
              + ", more than the limit of "
              + IoImports.MAX_RANDOM);
    }
    return (int) n;
  }
}
