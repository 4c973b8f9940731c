package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code wasi:config/store} serves exactly the granted environment: the C config-probe
 * (src/test/c/config-probe) returns what {@code get} and {@code get-all} of {@code
 * wasi:config/store@0.2.0-draft} answer. The host also offers {@code 0.2.0-rc.1}; other
 * pre-releases do not link.
 */
class ConfigStoreTest {
  private static final Map<String, String> GRANTED =
      Map.of("OPENWEATHER_API_KEY", "k-123", "LANG", "C.UTF-8", "EMPTY", "", "UNICODE", "ünï 🦀");

  private static Optional<Value> call(
      String function, Map<String, String> environment, Value... args) throws Exception {
    SandboxedComponent probe =
        SandboxedComponent.load(Components.bytes("corral/config-probe.component.wasm"));
    return probe
        .call(function, List.of(args), Capabilities.none().withEnvironment(environment))
        .value();
  }

  @Test
  void getReturnsAGrantedValue() throws Exception {
    assertEquals(
        Optional.of(OptionValue.some(new StringValue("k-123"))),
        call("get", GRANTED, new StringValue("OPENWEATHER_API_KEY")));
    assertEquals(
        Optional.of(OptionValue.some(new StringValue("ünï 🦀"))),
        call("get", GRANTED, new StringValue("UNICODE")));
    assertEquals(
        Optional.of(OptionValue.some(new StringValue(""))),
        call("get", GRANTED, new StringValue("EMPTY")));
  }

  @Test
  void getOfAnyOtherKeyIsNone() throws Exception {
    for (String key : List.of("PATH", "HOME", "openweather_api_key", "", "OPENWEATHER_API_KEY=")) {
      assertEquals(
          Optional.of(OptionValue.none()), call("get", GRANTED, new StringValue(key)), key);
    }
    assertEquals(Optional.of(OptionValue.none()), call("get", Map.of(), new StringValue("PATH")));
  }

  @Test
  void getAllReturnsExactlyTheGrantedValuesSortedByKey() throws Exception {
    assertEquals(
        Optional.of(
            new ListValue(
                List.of(
                    pair("EMPTY", ""),
                    pair("LANG", "C.UTF-8"),
                    pair("OPENWEATHER_API_KEY", "k-123"),
                    pair("UNICODE", "ünï 🦀")))),
        call("get-all", GRANTED));
    assertEquals(Optional.of(new ListValue(List.of())), call("get-all", Map.of()));
  }

  @Test
  void releaseCandidateOneLinksOtherPreReleasesDoNot() throws Exception {
    SandboxedComponent.load(Components.bytes("corral/config-rc1.wasm"));
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> SandboxedComponent.load(Components.bytes("corral/config-rc2.wasm")));
    assertEquals(
        "the component imports wasi:config/store@0.2.0-rc.2, which the host does not implement (it offers"
            + " WASI 0.2.12 interfaces of wasi:io, clocks, random, cli, filesystem, sockets, http, and wasi:config/store"
            + " at 0.2.0-draft and 0.2.0-rc.1)",
        e.getMessage());
  }

  private static TupleValue pair(String key, String value) {
    return new TupleValue(List.of(new StringValue(key), new StringValue(value)));
  }
}
