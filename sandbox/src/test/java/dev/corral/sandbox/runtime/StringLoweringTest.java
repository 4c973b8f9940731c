package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.values.StringValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringLoweringTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "'', true",
    "plain ascii, true",
    "'\u00e9\u4e2d', true",
    "'\uD83D\uDE80', true",
    "'a\uD83D\uDE80b\uD840\uDE04', true",
    "'\uD83D', false",
    "'\uDE80', false",
    "'a\uD83Db', false",
    "'\uDE80\uD83D', false",
    "'\uD83D\uD83D\uDE80', false",
    "'\uD83D\uDE80\uDE80', false"
  })
  void onlyStringsWhoseSurrogatesArePairedAreWellFormed(String s, boolean wellFormed) {
    assertEquals(wellFormed, Abi.isWellFormed(s));
  }

  @Test
  void aStringWithAnUnpairedSurrogateIsRefusedBeforeItReachesTheGuest() throws Exception {
    CompiledComponent c = TestComponents.compile("strings.component.wasm");
    ComponentInstance instance = c.instantiate(TestHost.of(c).linker());
    ExportedFunction roundtrip = instance.function("roundtrip").orElseThrow();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> instance.call(roundtrip, List.of(new StringValue("a\uD83Db"))));
    assertEquals("string contains an unpaired surrogate", e.getMessage());
    assertEquals(
        new StringValue("ok \uD83D\uDE80"),
        instance.call(roundtrip, List.of(new StringValue("ok \uD83D\uDE80"))).orElseThrow());
  }
}
