package dev.corral.schema.codec;

import static dev.corral.schema.codec.JsonValuesTest.s32;
import static dev.corral.schema.codec.JsonValuesTest.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.Value;
import dev.corral.schema.Golden;
import dev.corral.schema.TypeSchemas;
import dev.corral.schema.WitTypes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonArgumentsAndResultsTest {
  private static final FuncType MOVE =
      new FuncType(
          List.of(
              new Field("point", WitTypes.POINT),
              new Field("steps", new ListType(Primitive.U32)),
              new Field("label", new OptionType(Primitive.STRING))),
          Optional.of(new ResultType(Optional.of(WitTypes.POINT), Optional.of(Primitive.STRING))));

  @Test
  void argumentsBecomeValuesInParameterOrder() throws Exception {
    List<Value> values =
        JsonArguments.toValues(
            Golden.json(
                "{\"label\": \"here\", \"steps\": [1, 2], \"point\": {\"y\": 2, \"x\": 1}}"),
            MOVE);
    assertEquals(
        List.of(
            new RecordValue(List.of(s32(1), s32(2))),
            new dev.corral.sandbox.values.ListValue(List.of(u32(1), u32(2))),
            OptionValue.some(new StringValue("here"))),
        values);
  }

  @Test
  void missingOptionParametersAreNone() throws Exception {
    List<Value> values =
        JsonArguments.toValues(
            Golden.json("{\"point\": {\"x\": 1, \"y\": 2}, \"steps\": []}"), MOVE);
    assertEquals(OptionValue.none(), values.get(2));
  }

  @Test
  void noArgumentsIsAnEmptyObject() throws Exception {
    FuncType none = new FuncType(List.of(), Optional.empty());
    assertEquals(List.of(), JsonArguments.toValues(null, none));
    assertEquals(List.of(), JsonArguments.toValues(Golden.json("null"), none));
    assertEquals(List.of(), JsonArguments.toValues(Golden.json("{}"), none));
  }

  @Test
  void errorsNameTheJsonPathTheExpectedTypeAndTheValue() {
    assertArgumentError(
        "{\"point\": {\"x\": 1, \"y\": 2.5}, \"steps\": []}",
        "$.point.y",
        "s32 (an integer from -2147483648 to 2147483647)",
        "2.5");
    assertArgumentError(
        "{\"point\": {\"x\": 1, \"y\": 2}, \"steps\": [1, -1]}",
        "$.steps[1]",
        "u32 (an integer from 0 to 4294967295)",
        "-1");
    assertArgumentError(
        "{\"steps\": []}",
        "$.point",
        "record { x: s32, y: s32 }",
        "nothing (the parameter is missing)");
    assertArgumentError(
        "{\"point\": {\"x\": 1, \"y\": 2}, \"steps\": [], \"speed\": 3}",
        "$.speed",
        "no such field (expected only \"point\", \"steps\", \"label\")",
        "3");
    assertArgumentError(
        "[1, 2]", "$", "an object with the parameters point, steps, label", "[1,2]");
    assertArgumentError(
        "{\"point\": {\"x\": 1, \"y\": 2}, \"steps\": [], \"odd name\": 1}",
        "$[\"odd name\"]",
        "no such field (expected only \"point\", \"steps\", \"label\")",
        "1");
  }

  @Test
  void resultsAreWrappedInAnObject() {
    Optional<Value> ok = Optional.of(ResultValue.ok(new RecordValue(List.of(s32(3), s32(4)))));
    assertEquals(
        Golden.json("{\"result\": {\"tag\": \"ok\", \"val\": {\"x\": 3, \"y\": 4}}}").toString(),
        JsonResults.toJson(ok, MOVE).toString());
    assertFalse(JsonResults.isError(ok, MOVE));
    FuncType nothing = new FuncType(List.of(), Optional.empty());
    assertEquals("{}", JsonResults.toJson(Optional.empty(), nothing).toString());
    assertFalse(JsonResults.isError(Optional.empty(), nothing));
  }

  @Test
  void anErrResultIsAnErrorCarryingTheErrorValue() {
    Optional<Value> err = Optional.of(ResultValue.err(new StringValue("blocked")));
    assertTrue(JsonResults.isError(err, MOVE));
    assertEquals(
        "{\"result\":{\"tag\":\"err\",\"val\":\"blocked\"}}",
        JsonResults.toJson(err, MOVE).toString());
  }

  @Test
  void anErrNestedInsideTheResultIsNotAnError() {
    FuncType nested =
        new FuncType(
            List.of(),
            Optional.of(new OptionType(new ResultType(Optional.empty(), Optional.empty()))));
    assertFalse(JsonResults.isError(Optional.of(OptionValue.some(ResultValue.err(null))), nested));
  }

  @Test
  void aResultThatDoesNotMatchTheTypeIsRejected() {
    FuncType nothing = new FuncType(List.of(), Optional.empty());
    assertThrows(
        IllegalArgumentException.class,
        () -> JsonResults.toJson(Optional.of(new StringValue("x")), nothing));
    assertThrows(IllegalArgumentException.class, () -> JsonResults.toJson(Optional.empty(), MOVE));
  }

  @Test
  void schemasDescribeTheArgumentsAndTheWrappedResult() {
    Golden.assertJson("functions/move-input", TypeSchemas.inputSchema(MOVE));
    Golden.assertJson("functions/move-output", TypeSchemas.outputSchema(MOVE));
    Golden.assertJson(
        "functions/no-result-output",
        TypeSchemas.outputSchema(new FuncType(List.of(), Optional.empty())));
  }

  private static void assertArgumentError(
      String json, String path, String expected, String received) {
    ArgumentException e =
        assertThrows(
            ArgumentException.class, () -> JsonArguments.toValues(Golden.json(json), MOVE));
    assertEquals(path, e.path());
    assertEquals(expected, e.expected());
    assertEquals(received, e.received());
    assertEquals(path + ": expected " + expected + ", got " + received, e.getMessage());
  }
}
