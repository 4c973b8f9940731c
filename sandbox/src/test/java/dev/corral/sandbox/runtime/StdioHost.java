package dev.corral.sandbox.runtime;

import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The few WASI 0.2 functions a fixture's libc reaches when it prints: the preview-1 adapter asking
 * for the preopened directories (there are none), opening stdin, stdout and stderr (none of them a
 * terminal), and writing to an output stream. They are implemented on a {@link TestHost}, so that a
 * runtime test needs no WASI host; what the guest writes is kept per stream.
 */
final class StdioHost {
  private static final int STDIN = 0;
  private static final int STDOUT = 1;
  private static final int STDERR = 2;

  private final TestHost host;
  private final String streams;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  StdioHost(TestHost host, String version) {
    this.host = host;
    this.streams = "wasi:io/streams@" + version + "#";
    host.function(
        "wasi:cli/stdin@" + version + "#get-stdin",
        args -> Optional.of(stream("input-stream", STDIN)));
    host.function(
        "wasi:cli/stdout@" + version + "#get-stdout",
        args -> Optional.of(stream("output-stream", STDOUT)));
    host.function(
        "wasi:cli/stderr@" + version + "#get-stderr",
        args -> Optional.of(stream("output-stream", STDERR)));
    for (String s : new String[] {"stdin", "stdout", "stderr"}) {
      host.function(
          "wasi:cli/terminal-" + s + "@" + version + "#get-terminal-" + s,
          args -> Optional.of(OptionValue.none()));
    }
    host.function(
        "wasi:filesystem/preopens@" + version + "#get-directories",
        args -> Optional.of(new ListValue(List.of())));
    host.function(
        streams + "[method]output-stream.check-write",
        args -> Optional.of(new ResultValue(true, Optional.of(new IntValue(Primitive.U64, 4096)))));
    host.function(streams + "[method]output-stream.write", args -> write(args.get(0), args.get(1)));
    host.function(
        streams + "[method]output-stream.blocking-write-and-flush",
        args -> write(args.get(0), args.get(1)));
    host.function(
        streams + "[method]output-stream.blocking-flush",
        args -> Optional.of(new ResultValue(true, Optional.empty())));
  }

  String stdout() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private Value stream(String resource, int rep) {
    return new HandleValue(host.hostResource(streams.replace("#", "#" + resource)), rep, true);
  }

  private Optional<Value> write(Value stream, Value contents) {
    ByteArrayOutputStream out = ((HandleValue) stream).rep() == STDERR ? stderr : stdout;
    for (Value b : ((ListValue) contents).elements()) {
      out.write((int) ((IntValue) b).bits());
    }
    return Optional.of(new ResultValue(true, Optional.empty()));
  }
}
