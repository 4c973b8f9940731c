package dev.corral.sandbox.wasi;

import static dev.corral.sandbox.wasi.Wit.*;

import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.ResultValue;
import java.util.List;
import java.util.Optional;

/**
 * {@code wasi:config/store}, served from the call's granted environment ({@link
 * Capabilities#environment()}): a key is a variable's name, its value the variable's. As in
 * Wassette, the configuration a component sees is exactly what its policy lets it see (the allowed
 * environment variables and, in Corral, its secrets); nothing else exists. Offered at every version
 * components are built against: {@code 0.2.0-draft} (Wassette's examples) and {@code 0.2.0-rc.1}
 * (jco-std), pre-releases whose imports match only exactly. Neither function ever fails: the store
 * is a map in memory.
 */
final class ConfigImports {
  static final List<String> VERSIONS = List.of("0.2.0-draft", "0.2.0-rc.1");

  private ConfigImports() {}

  static void register(WasiContext ctx, List<HostInstance> out) {
    VariantType error = variant("upstream", STRING, "io", STRING);
    ResultType getResult = result(option(STRING), error);
    ResultType getAllResult = result(list(tuple(STRING, STRING)), error);
    for (String version : VERSIONS) {
      out.add(
          HostInstance.builder("wasi:config/store@" + version)
              .function(
                  "get",
                  fn(getResult, "key", STRING),
                  args ->
                      Optional.of(
                          ResultValue.ok(
                              Optional.ofNullable(
                                      ctx.capabilities.environment().get(toStr(args.get(0))))
                                  .map(value -> OptionValue.some(str(value)))
                                  .orElse(OptionValue.none()))))
              .function(
                  "get-all",
                  fn(getAllResult),
                  args -> Optional.of(ResultValue.ok(CliImports.environment(ctx.capabilities))))
              .build());
    }
  }
}
