package dev.corral.sandbox.wasi;

import static dev.corral.sandbox.wasi.Wit.*;

import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code wasi:cli}: environment (only the granted variables), exit, stdin (always empty), stdout
 * and stderr (captured), and the terminal interfaces (never a terminal).
 */
final class CliImports {
  private CliImports() {}

  static void register(WasiContext ctx, IoImports io, List<HostInstance> out) {
    String v = "@" + WasiHost.VERSION;
    HostInstance.Builder env = HostInstance.builder("wasi:cli/environment" + v);
    env.function(
        "get-environment",
        fn(list(tuple(STRING, STRING))),
        args -> Optional.of(environment(ctx.capabilities)));
    env.function(
        "get-arguments",
        fn(list(STRING)),
        args ->
            Optional.of(
                new ListValue(
                    ctx.capabilities.arguments().stream().map(s -> (Value) str(s)).toList())));
    env.function("initial-cwd", fn(option(STRING)), args -> Optional.of(OptionValue.none()));
    out.add(env.build());

    HostInstance.Builder exit = HostInstance.builder("wasi:cli/exit" + v);
    exit.function(
        "exit",
        fn(null, "status", result(null, null)),
        args -> {
          throw ctx.exit(((ResultValue) args.get(0)).isOk() ? 0 : 1);
        });
    exit.function(
        "exit-with-code",
        fn(null, "status-code", U8),
        args -> {
          throw ctx.exit((int) toLong(args.get(0)));
        });
    out.add(exit.build());

    out.add(
        HostInstance.builder("wasi:cli/stdin" + v)
            .function(
                "get-stdin",
                fn(own(io.inputStream)),
                args -> Optional.of(ctx.inputStreams.add(HostInputStream.empty())))
            .build());
    out.add(
        HostInstance.builder("wasi:cli/stdout" + v)
            .function(
                "get-stdout",
                fn(own(io.outputStream)),
                args -> Optional.of(ctx.outputStreams.add(ctx.stdout)))
            .build());
    out.add(
        HostInstance.builder("wasi:cli/stderr" + v)
            .function(
                "get-stderr",
                fn(own(io.outputStream)),
                args -> Optional.of(ctx.outputStreams.add(ctx.stderr)))
            .build());

    HostInstance.Builder tin = HostInstance.builder("wasi:cli/terminal-input" + v);
    ResourceType terminalInput = tin.resource("terminal-input", ctx.terminals::drop);
    out.add(tin.build());
    HostInstance.Builder tout = HostInstance.builder("wasi:cli/terminal-output" + v);
    ResourceType terminalOutput = tout.resource("terminal-output", ctx.terminals::drop);
    out.add(tout.build());
    out.add(
        HostInstance.builder("wasi:cli/terminal-stdin" + v)
            .function(
                "get-terminal-stdin",
                fn(option(own(terminalInput))),
                args -> Optional.of(OptionValue.none()))
            .build());
    out.add(
        HostInstance.builder("wasi:cli/terminal-stdout" + v)
            .function(
                "get-terminal-stdout",
                fn(option(own(terminalOutput))),
                args -> Optional.of(OptionValue.none()))
            .build());
    out.add(
        HostInstance.builder("wasi:cli/terminal-stderr" + v)
            .function(
                "get-terminal-stderr",
                fn(option(own(terminalOutput))),
                args -> Optional.of(OptionValue.none()))
            .build());
  }

  /** The granted environment as {@code list<tuple<string, string>>}, sorted by name. */
  static ListValue environment(Capabilities capabilities) {
    List<Value> pairs = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(capabilities.environment()).entrySet()) {
      pairs.add(tupleOf(str(e.getKey()), str(e.getValue())));
    }
    return new ListValue(pairs);
  }
}
