package dev.corral.samples;

import static dev.corral.samples.Values.err;
import static dev.corral.samples.Values.list;
import static dev.corral.samples.Values.ok;
import static dev.corral.samples.Values.record;
import static dev.corral.samples.Values.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.binary.Definition;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The C config tool on the WASI host: it sees exactly the environment it is granted. (What its
 * bundled policy grants, through the server's policy-to-capabilities path, is tested in
 * mcp-bridge's {@code SamplePoliciesTest}.)
 */
class ConfigToolTest {
  private static final String IFACE = "corral:config/env@0.1.0";
  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "LANG",
          "en_GB.UTF-8",
          "APP_PORT",
          "8080",
          "APP_NAME",
          "corral",
          "APPLE",
          "fruit",
          "EMPTY",
          "");
  private static CompiledComponent compiled;
  private static SandboxedComponent tool;

  private ConfigToolTest() {}

  @BeforeAll
  static void load() throws Exception {
    compiled = CompiledComponent.compile(Samples.wasm("config"));
    tool = SandboxedComponent.of(compiled);
  }

  @Test
  void importsOnlyTheEnvironmentAndExportsExactlyTheEnvInterface() {
    assertEquals(
        List.of("wasi:cli/environment@0.2.3"),
        compiled.component().definitions().stream()
            .filter(d -> d instanceof Definition.Import)
            .map(d -> ((Definition.Import) d).name().name())
            .toList());
    RecordType variable =
        new RecordType(
            List.of(new Field("key", Primitive.STRING), new Field("value", Primitive.STRING)));
    assertEquals(
        List.of(
            new ExportedFunction(
                Optional.of(IFACE),
                "get",
                new FuncType(
                    List.of(new Field("key", Primitive.STRING)),
                    Optional.of(
                        new ResultType(
                            Optional.of(Primitive.STRING), Optional.of(Primitive.STRING))))),
            new ExportedFunction(
                Optional.of(IFACE),
                "list-keys",
                new FuncType(List.of(), Optional.of(new ListType(Primitive.STRING)))),
            new ExportedFunction(
                Optional.of(IFACE),
                "with-prefix",
                new FuncType(
                    List.of(new Field("prefix", Primitive.STRING)),
                    Optional.of(new ListType(variable))))),
        tool.functions());
  }

  @Test
  void getReturnsAGrantedVariableAndExplainsAMissingOne() throws Exception {
    assertEquals(ok(str("en_GB.UTF-8")), call("get", str("LANG")));
    assertEquals(ok(str("")), call("get", str("EMPTY")));
    assertEquals(
        err(
            "environment variable \"HOME\" is not set, or the tool's policy does not grant it"
                + " (permissions.environment.allow)"),
        call("get", str("HOME")));
    assertEquals(
        err(
            "environment variable \"\" is not set, or the tool's policy does not grant it"
                + " (permissions.environment.allow)"),
        call("get", str("")));
  }

  @Test
  void listKeysIsSorted() throws Exception {
    assertEquals(
        list(str("APPLE"), str("APP_NAME"), str("APP_PORT"), str("EMPTY"), str("LANG")),
        call("list-keys"));
  }

  @Test
  void withPrefixFiltersAndSorts() throws Exception {
    assertEquals(
        list(record(str("APP_NAME"), str("corral")), record(str("APP_PORT"), str("8080"))),
        call("with-prefix", str("APP_")));
    assertEquals(list(), call("with-prefix", str("NOPE")));
    assertEquals(
        5, ((dev.corral.sandbox.values.ListValue) call("with-prefix", str(""))).elements().size());
  }

  @Test
  void withNoEnvironmentGrantedNothingIsVisible() throws Exception {
    assertEquals(
        list(),
        tool.call(IFACE + "#list-keys", List.of(), Capabilities.none()).value().orElseThrow());
  }

  private static Value call(String function, Value... args) throws Exception {
    Capabilities capabilities = Capabilities.none().withEnvironment(ENVIRONMENT);
    return tool.call(IFACE + "#" + function, List.of(args), capabilities).value().orElseThrow();
  }
}
