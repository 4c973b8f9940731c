package dev.corral.schema.codec;

import static dev.corral.schema.WitTypes.COLOR;
import static dev.corral.schema.WitTypes.PERMISSIONS;
import static dev.corral.schema.WitTypes.POINT;
import static dev.corral.schema.WitTypes.SHAPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.values.BoolValue;
import dev.corral.sandbox.values.CharValue;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.F32Value;
import dev.corral.sandbox.values.F64Value;
import dev.corral.sandbox.values.FlagsValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import dev.corral.schema.Golden;
import dev.corral.schema.TypeSchemas;
import dev.corral.schema.WitTypes;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonValuesTest {

  @Test
  void integersAreExactAtTheEdgesOfEveryWidth() throws Exception {
    assertBoth(Primitive.S8, "-128", new IntValue(Primitive.S8, -128));
    assertBoth(Primitive.U8, "255", new IntValue(Primitive.U8, 255));
    assertBoth(Primitive.S16, "-32768", new IntValue(Primitive.S16, -32768));
    assertBoth(Primitive.U16, "65535", new IntValue(Primitive.U16, 65535));
    assertBoth(Primitive.S32, "-2147483648", new IntValue(Primitive.S32, Integer.MIN_VALUE));
    assertBoth(Primitive.U32, "4294967295", new IntValue(Primitive.U32, 0xFFFF_FFFFL));
    assertBoth(Primitive.S64, "9007199254740991", new IntValue(Primitive.S64, (1L << 53) - 1));
    assertBoth(Primitive.S64, "-9007199254740991", new IntValue(Primitive.S64, -(1L << 53) + 1));
    assertBoth(Primitive.S64, "\"9007199254740992\"", new IntValue(Primitive.S64, 1L << 53));
    assertBoth(
        Primitive.S64, "\"-9223372036854775808\"", new IntValue(Primitive.S64, Long.MIN_VALUE));
    assertBoth(Primitive.U64, "\"18446744073709551615\"", new IntValue(Primitive.U64, -1L));
  }

  @Test
  void wideIntegersAreAcceptedAsNumbersOrStrings() throws Exception {
    assertEquals(new IntValue(Primitive.U64, -1L), read(Primitive.U64, "18446744073709551615"));
    assertEquals(new IntValue(Primitive.U64, 7), read(Primitive.U64, "\"7\""));
    assertEquals(new IntValue(Primitive.S64, -7), read(Primitive.S64, "\"-7\""));
    assertEquals(new IntValue(Primitive.U32, 3), read(Primitive.U32, "3.0"));
    assertEquals(
        new IntValue(Primitive.U32, 3),
        JsonValues.fromJson(
            TypeSchemas.NODES.numberNode(new java.math.BigDecimal("3.000")), Primitive.U32, "$"));
    assertThrows(
        ArgumentException.class,
        () ->
            JsonValues.fromJson(
                TypeSchemas.NODES.numberNode(new java.math.BigDecimal("1e1000000000")),
                Primitive.U64,
                "$"));
  }

  @Test
  void integerErrorsNameTheRange() {
    assertError(Primitive.U8, "256", "$: expected u8 (an integer from 0 to 255), got 256");
    assertError(Primitive.S8, "-129", "$: expected s8 (an integer from -128 to 127), got -129");
    assertError(Primitive.U32, "1.5", "$: expected u32 (an integer from 0 to 4294967295), got 1.5");
    assertError(
        Primitive.U32, "\"3\"", "$: expected u32 (an integer from 0 to 4294967295), got \"3\"");
    assertError(
        Primitive.U64,
        "-1",
        "$: expected u64 (an integer from 0 to 18446744073709551615, as a JSON number or a decimal string), got -1");
    assertError(
        Primitive.U64,
        "\"18446744073709551616\"",
        "$: expected u64 (an integer from 0 to 18446744073709551615, as a JSON number or a decimal string), got \"18446744073709551616\"");
    assertError(
        Primitive.S64,
        "\"12abc\"",
        "$: expected s64 (an integer from -9223372036854775808 to 9223372036854775807, as a JSON number or a decimal string), got \"12abc\"");
  }

  @Test
  void floatsCarryNanAndInfinitiesAsStrings() throws Exception {
    assertBoth(Primitive.F64, "1.5", new F64Value(1.5));
    assertBoth(Primitive.F64, "\"NaN\"", new F64Value(Double.NaN));
    assertBoth(Primitive.F64, "\"Infinity\"", new F64Value(Double.POSITIVE_INFINITY));
    assertBoth(Primitive.F64, "\"-Infinity\"", new F64Value(Double.NEGATIVE_INFINITY));
    assertBoth(Primitive.F32, "0.1", new F32Value(0.1f));
    assertBoth(Primitive.F32, "\"-Infinity\"", new F32Value(Float.NEGATIVE_INFINITY));
    assertEquals(new F64Value(3), read(Primitive.F64, "3"));
    assertError(
        Primitive.F32,
        "1e39",
        "$: expected f32 (a number of magnitude at most 3.4028235E38, or \"NaN\", \"Infinity\" or \"-Infinity\"), got 1.0E39");
    assertError(
        Primitive.F64,
        "\"nan\"",
        "$: expected f64 (a number, or \"NaN\", \"Infinity\" or \"-Infinity\"), got \"nan\"");
  }

  @Test
  void charIsOneScalarValue() throws Exception {
    assertBoth(Primitive.CHAR, "\"x\"", new CharValue('x'));
    assertBoth(Primitive.CHAR, "\"\uD83E\uDD80\"", new CharValue(0x1F980));
    assertError(
        Primitive.CHAR,
        "\"xy\"",
        "$: expected char (a string of exactly one Unicode scalar value), got \"xy\"");
    assertError(
        Primitive.CHAR,
        "\"\"",
        "$: expected char (a string of exactly one Unicode scalar value), got \"\"");
    assertError(
        Primitive.CHAR,
        "\"\\uD800\"",
        "$: expected char (a string of exactly one Unicode scalar value), got \"\\uD800\"");
  }

  @Test
  void stringsAndBools() throws Exception {
    assertBoth(
        Primitive.STRING,
        "\"h\u00e9llo \uD83E\uDD80\"",
        new StringValue("h\u00e9llo \uD83E\uDD80"));
    assertBoth(Primitive.BOOL, "true", new BoolValue(true));
    assertError(Primitive.BOOL, "\"true\"", "$: expected bool (true or false), got \"true\"");
    assertError(
        Primitive.STRING,
        "\"a\\uDC00b\"",
        "$: expected string (valid Unicode), got a string with an unpaired surrogate at index 1");
    assertError(Primitive.STRING, "12", "$: expected string, got 12");
  }

  @Test
  void bytesAreBase64OutAndEitherFormIn() throws Exception {
    ListType bytes = new ListType(Primitive.U8);
    Value value = new ListValue(List.of(u8(0), u8(1), u8(254), u8(255)));
    assertBoth(bytes, "\"AAH+/w==\"", value);
    assertEquals(value, read(bytes, "[0, 1, 254, 255]"));
    assertEquals(value, read(bytes, "\"AAH+/w\""));
    assertEquals(new ListValue(List.of()), read(bytes, "\"\""));
    assertError(
        bytes,
        "\"not base64!\"",
        "$: expected list<u8> (an array, or a base64 string), got \"not base64!\"");
    assertError(bytes, "[0, 256]", "$[1]: expected u8 (an integer from 0 to 255), got 256");
    ListType four = new ListType(Primitive.U8, 4);
    assertEquals(value, read(four, "\"AAH+/w==\""));
    assertError(
        four,
        "\"AAH+\"",
        "$: expected list<u8, 4> (an array of exactly 4 elements, or a base64 string), got base64 of 3 bytes");
  }

  @Test
  void listsAndTuples() throws Exception {
    ListType strings = new ListType(Primitive.STRING);
    assertBoth(
        strings,
        "[\"a\",\"b\"]",
        new ListValue(List.of(new StringValue("a"), new StringValue("b"))));
    assertBoth(new ListType(Primitive.U32, 2), "[1,2]", new ListValue(List.of(u32(1), u32(2))));
    assertError(
        new ListType(Primitive.U32, 2),
        "[1]",
        "$: expected list<u32, 2> (an array of exactly 2 elements), got an array of 1 elements");
    TupleType tuple = new TupleType(List.of(Primitive.STRING, Primitive.U64, Primitive.CHAR));
    assertBoth(
        tuple,
        "[\"a\",\"18446744073709551615\",\"c\"]",
        new TupleValue(
            List.of(new StringValue("a"), new IntValue(Primitive.U64, -1), new CharValue('c'))));
    assertError(
        tuple,
        "[\"a\", 1]",
        "$: expected tuple<string, u64, char> (an array of 3 elements), got an array of 2 elements");
    assertError(strings, "{}", "$: expected list<string> (an array), got {}");
  }

  @Test
  void recordsNeedEveryFieldAndNothingElse() throws Exception {
    assertBoth(POINT, "{\"x\":1,\"y\":-2}", new RecordValue(List.of(s32(1), s32(-2))));
    assertError(POINT, "{\"x\":1}", "$.y: expected s32, got nothing (the field is missing)");
    assertError(
        POINT,
        "{\"x\":1,\"y\":2,\"z\":3}",
        "$.z: expected no such field (expected only \"x\", \"y\"), got 3");
    assertError(
        POINT, "[1,2]", "$: expected record (an object with the fields \"x\", \"y\"), got [1,2]");
  }

  @Test
  void variantsAreTaggedObjects() throws Exception {
    assertBoth(
        SHAPE,
        "{\"tag\":\"polygon\",\"val\":[{\"x\":0,\"y\":0}]}",
        new VariantValue(
            1, Optional.of(new ListValue(List.of(new RecordValue(List.of(s32(0), s32(0))))))));
    assertBoth(SHAPE, "{\"tag\":\"empty\"}", new VariantValue(2, Optional.empty()));
    assertError(
        SHAPE,
        "{\"tag\":\"square\"}",
        "$.tag: expected one of \"circle\", \"polygon\", \"empty\", got \"square\"");
    assertError(
        SHAPE,
        "{\"tag\":\"empty\",\"val\":1}",
        "$.val: expected no such field (expected only \"tag\"), got 1");
    assertError(
        SHAPE,
        "{\"tag\":\"circle\"}",
        "$.val: expected record { center: record { x: s32, y: s32 }, radius: f64 } (the payload of circle), got nothing (the field is missing)");
    assertError(
        SHAPE,
        "{\"tag\":\"circle\",\"val\":{\"center\":{\"x\":1,\"y\":\"2\"},\"radius\":1}}",
        "$.val.center.y: expected s32 (an integer from -2147483648 to 2147483647), got \"2\"");
  }

  @Test
  void resultsAreTaggedOkOrErr() throws Exception {
    ResultType result = new ResultType(Optional.of(Primitive.STRING), Optional.of(COLOR));
    assertBoth(
        result, "{\"tag\":\"ok\",\"val\":\"fine\"}", ResultValue.ok(new StringValue("fine")));
    assertBoth(result, "{\"tag\":\"err\",\"val\":\"blue\"}", ResultValue.err(new EnumValue(2)));
    ResultType bare = new ResultType(Optional.empty(), Optional.empty());
    assertBoth(bare, "{\"tag\":\"err\"}", ResultValue.err(null));
    assertError(
        bare, "{}", "$.tag: expected one of \"ok\", \"err\", got nothing (the field is missing)");
  }

  @Test
  void enumsAreStrings() throws Exception {
    assertBoth(COLOR, "\"green\"", new EnumValue(1));
    assertError(
        COLOR, "\"Green\"", "$: expected one of \"red\", \"green\", \"blue\", got \"Green\"");
  }

  @Test
  void optionsAreNullOrTheValueAndNestedOptionsWrapSome() throws Exception {
    OptionType option = new OptionType(Primitive.U32);
    assertBoth(option, "null", OptionValue.none());
    assertBoth(option, "5", OptionValue.some(u32(5)));
    OptionType nested = new OptionType(new OptionType(Primitive.STRING));
    assertBoth(nested, "null", OptionValue.none());
    assertBoth(nested, "{\"some\":null}", OptionValue.some(OptionValue.none()));
    assertBoth(
        nested, "{\"some\":\"x\"}", OptionValue.some(OptionValue.some(new StringValue("x"))));
    assertError(
        nested,
        "\"x\"",
        "$: expected option<option<string>> (null, or {\"some\": value}), got \"x\"");
  }

  @Test
  void flagsAreTheListOfSetNames() throws Exception {
    BitSet readExec = new BitSet();
    readExec.set(0);
    readExec.set(2);
    assertBoth(PERMISSIONS, "[\"read\",\"exec\"]", new FlagsValue(readExec));
    assertEquals(new FlagsValue(readExec), read(PERMISSIONS, "[\"exec\", \"read\"]"));
    assertBoth(PERMISSIONS, "[]", new FlagsValue(new BitSet()));
    assertError(
        PERMISSIONS,
        "[\"read\",\"read\"]",
        "$[1]: expected an array of distinct flag names from \"read\", \"write\", \"exec\", got the flag \"read\" a second time");
    assertError(
        PERMISSIONS,
        "[\"delete\"]",
        "$[0]: expected one of \"read\", \"write\", \"exec\", got \"delete\"");
    assertError(
        PERMISSIONS,
        "{\"read\":true}",
        "$: expected an array of distinct flag names from \"read\", \"write\", \"exec\", got {\"read\":true}");
  }

  @Test
  void nestedValuesRoundTrip() throws Exception {
    String json =
        "{\"name\":\"n\",\"shapes\":[{\"tag\":\"empty\"}],\"tags\":null,"
            + "\"outcome\":{\"tag\":\"err\",\"val\":{\"tag\":\"denied\",\"val\":[\"write\"]}},"
            + "\"history\":[null,{\"some\":null},{\"some\":\"red\"}],\"blob\":\"AQI=\"}";
    JsonNode node = Golden.json(json);
    Value value = JsonValues.fromJson(node, WitTypes.nested(), "$");
    assertEquals(node.toString(), JsonValues.toJson(value, WitTypes.nested()).toString());
  }

  @Test
  void longValuesAreCutInMessages() {
    String longString = "\"" + "a".repeat(100) + "\"";
    ArgumentException e =
        assertThrows(ArgumentException.class, () -> read(Primitive.U8, longString));
    assertEquals("\"" + "a".repeat(59) + "...", e.received());
    assertEquals("$", e.path());
  }

  private static void assertBoth(ValType type, String json, Value value) throws ArgumentException {
    JsonNode node = Golden.json(json);
    assertEquals(value, JsonValues.fromJson(node, type, "$"), "reading " + json);
    assertEquals(node.toString(), JsonValues.toJson(value, type).toString(), "writing " + value);
  }

  private static Value read(ValType type, String json) throws ArgumentException {
    return JsonValues.fromJson(Golden.json(json), type, "$");
  }

  private static void assertError(ValType type, String json, String message) {
    ArgumentException e = assertThrows(ArgumentException.class, () -> read(type, json));
    assertEquals(message, e.getMessage());
  }

  static IntValue u8(int v) {
    return new IntValue(Primitive.U8, v);
  }

  static IntValue u32(long v) {
    return new IntValue(Primitive.U32, v);
  }

  static IntValue s32(int v) {
    return new IntValue(Primitive.S32, v);
  }
}
