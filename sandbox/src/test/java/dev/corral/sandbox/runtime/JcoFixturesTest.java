package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.host.HostFunction;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.values.BoolValue;
import dev.corral.sandbox.values.CharValue;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.F32Value;
import dev.corral.sandbox.values.F64Value;
import dev.corral.sandbox.values.FlagsValue;
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.QualifiedTypeName;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The jco runtime fixtures (packages/jco-transpile/test/fixtures/runtime/NAME.ts): the same host
 * implementations in Java, the same calls and the same expected results. Each fixture's {@code
 * test-imports} export runs the guest's own assertions against our host functions.
 */
class JcoFixturesTest {

  @Test
  void numbers() throws Exception {
    CompiledComponent c = TestComponents.compile("numbers.component.wasm");
    String t = "test:numbers/test#";
    long[] scalar = {0};
    TestHost host = TestHost.of(c);
    for (String f :
        List.of("u8", "s8", "u16", "s16", "u32", "s32", "u64", "s64", "f32", "f64", "char")) {
      host.function(t + "roundtrip-" + f, args -> Optional.of(args.get(0)));
    }
    host.function(
        t + "set-scalar",
        args -> {
          scalar[0] = ((IntValue) args.get(0)).bits();
          return Optional.empty();
        });
    host.function(t + "get-scalar", args -> Optional.of(u32(scalar[0])));
    Guest g = new Guest(c, host);
    g.call("test-imports");
    assertEquals(List.of(), host.unexpectedCalls());

    assertEquals(u8(1), g.call(t + "roundtrip-u8", u8(1)));
    assertEquals(u8(255), g.call(t + "roundtrip-u8", u8(255)));
    assertEquals(s8(127), g.call(t + "roundtrip-s8", s8(127)));
    assertEquals(s8(-128), g.call(t + "roundtrip-s8", s8(-128)));
    assertEquals(u16(65535), g.call(t + "roundtrip-u16", u16(65535)));
    assertEquals(s16(32767), g.call(t + "roundtrip-s16", s16(32767)));
    assertEquals(s16(-32768), g.call(t + "roundtrip-s16", s16(-32768)));
    assertEquals(u32(1), g.call(t + "roundtrip-u32", u32(1)));
    assertEquals(u32(0xFFFF_FFFFL), g.call(t + "roundtrip-u32", u32(0xFFFF_FFFFL)));
    assertEquals(s32(Integer.MAX_VALUE), g.call(t + "roundtrip-s32", s32(Integer.MAX_VALUE)));
    assertEquals(s32(Integer.MIN_VALUE), g.call(t + "roundtrip-s32", s32(Integer.MIN_VALUE)));
    assertEquals(u64(1), g.call(t + "roundtrip-u64", u64(1)));
    assertEquals(u64(-1L), g.call(t + "roundtrip-u64", u64(-1L)));
    assertEquals(s64(Long.MAX_VALUE), g.call(t + "roundtrip-s64", s64(Long.MAX_VALUE)));
    assertEquals(s64(Long.MIN_VALUE), g.call(t + "roundtrip-s64", s64(Long.MIN_VALUE)));
    assertEquals(new F32Value(1f), g.call(t + "roundtrip-f32", new F32Value(1f)));
    assertEquals(
        new F32Value(Float.POSITIVE_INFINITY),
        g.call(t + "roundtrip-f32", new F32Value(Float.POSITIVE_INFINITY)));
    assertEquals(
        new F32Value(Float.NEGATIVE_INFINITY),
        g.call(t + "roundtrip-f32", new F32Value(Float.NEGATIVE_INFINITY)));
    float nan32 =
        ((F32Value) g.call(t + "roundtrip-f32", new F32Value(Float.intBitsToFloat(0x7fc00001))))
            .value();
    assertEquals(0x7fc00000, Float.floatToRawIntBits(nan32), "NaN is canonicalised");
    assertEquals(new F64Value(1d), g.call(t + "roundtrip-f64", new F64Value(1d)));
    assertEquals(
        new F64Value(Double.NEGATIVE_INFINITY),
        g.call(t + "roundtrip-f64", new F64Value(Double.NEGATIVE_INFINITY)));
    double nan64 =
        ((F64Value)
                g.call(
                    t + "roundtrip-f64",
                    new F64Value(Double.longBitsToDouble(0xfff8000000000123L))))
            .value();
    assertEquals(0x7ff8000000000000L, Double.doubleToRawLongBits(nan64), "NaN is canonicalised");
    assertEquals(new CharValue('a'), g.call(t + "roundtrip-char", new CharValue('a')));
    assertEquals(new CharValue(' '), g.call(t + "roundtrip-char", new CharValue(' ')));
    assertEquals(new CharValue(0x1F6A9), g.call(t + "roundtrip-char", new CharValue(0x1F6A9)));
    g.call(t + "set-scalar", u32(2));
    assertEquals(u32(2), g.call(t + "get-scalar"));
    g.call(t + "set-scalar", u32(4));
    assertEquals(u32(4), g.call(t + "get-scalar"));
  }

  @Test
  void records() throws Exception {
    CompiledComponent c = TestComponents.compile("records.component.wasm");
    String t = "test:records/test#";
    TestHost host =
        TestHost.of(c)
            .function(
                t + "multiple-results", args -> Optional.of(new TupleValue(List.of(u8(4), u16(5)))))
            .function(
                t + "swap-tuple",
                args -> {
                  List<Value> e = ((TupleValue) args.get(0)).elements();
                  return Optional.of(new TupleValue(List.of(e.get(1), e.get(0))));
                })
            .function(t + "roundtrip-flags1", args -> Optional.of(args.get(0)))
            .function(t + "roundtrip-flags2", args -> Optional.of(args.get(0)))
            .function(t + "roundtrip-flags3", args -> Optional.of(new TupleValue(args)))
            .function(t + "roundtrip-record1", args -> Optional.of(args.get(0)))
            .function(t + "tuple1", args -> Optional.of(args.get(0)));
    Guest g = new Guest(c, host);
    g.call("test-imports");
    assertEquals(List.of(), host.unexpectedCalls());

    assertEquals(new TupleValue(List.of(u8(100), u16(200))), g.call(t + "multiple-results"));
    assertEquals(
        new TupleValue(List.of(u32(2), u8(1))),
        g.call(t + "swap-tuple", new TupleValue(List.of(u8(1), u32(2)))));
    assertEquals(flags(0), g.call(t + "roundtrip-flags1", flags(0)));
    assertEquals(flags(), g.call(t + "roundtrip-flags1", flags()));
    assertEquals(flags(0, 1), g.call(t + "roundtrip-flags1", flags(0, 1)));
    assertEquals(flags(0), g.call(t + "roundtrip-flags2", flags(0)));
    assertEquals(flags(1), g.call(t + "roundtrip-flags2", flags(1)));
    assertEquals(flags(0, 2), g.call(t + "roundtrip-flags2", flags(0, 2)));
    assertEquals(
        new RecordValue(List.of(u8(8), flags())),
        g.call(t + "roundtrip-record1", new RecordValue(List.of(u8(8), flags()))));
    assertEquals(
        new RecordValue(List.of(u8(0), flags(0, 1))),
        g.call(t + "roundtrip-record1", new RecordValue(List.of(u8(0), flags(0, 1)))));
    assertEquals(
        new TupleValue(List.of(u8(1))), g.call(t + "tuple1", new TupleValue(List.of(u8(1)))));
    TupleValue three = new TupleValue(List.of(flags(0, 7), flags(0, 8, 15), flags(0, 16, 31)));
    assertEquals(three, g.call(t + "roundtrip-flags3", three.elements().toArray(Value[]::new)));
  }

  @Test
  void strings() throws Exception {
    CompiledComponent c = TestComponents.compile("strings.component.wasm");
    List<String> taken = new ArrayList<>();
    TestHost host =
        TestHost.of(c)
            .function(
                "test:strings/imports#take-basic",
                args -> {
                  taken.add(((StringValue) args.get(0)).value());
                  return Optional.empty();
                })
            .function(
                "test:strings/imports#return-unicode",
                args ->
                    Optional.of(
                        str("\uD83D\uDE80\uD83D\uDE80\uD83D\uDE80 \uD840\uDE04\uD80C\uDC00")));
    Guest g = new Guest(c, host);
    g.call("test-imports");
    assertEquals(List.of("latin utf16"), taken);
    assertEquals(List.of(), host.unexpectedCalls());
    assertEquals(str("str"), g.call("roundtrip", str("str")));
    String unicode = "\uD83D\uDE80\uD83D\uDE80\uD83D\uDE80 \uD840\uDE04\uD80C\uDC00";
    assertEquals(str(unicode), g.call("roundtrip", str(unicode)));
    assertEquals(str(""), g.call("return-empty"));
  }

  @Test
  void lists() throws Exception {
    CompiledComponent c = TestComponents.compile("lists.component.wasm");
    String t = "test:lists/test#";
    List<String> failures = new ArrayList<>();
    TestHost host =
        TestHost.of(c)
            .function(t + "empty-list-param", expect(failures, "empty-list-param", list()))
            .function(t + "empty-string-param", expect(failures, "empty-string-param", str("")))
            .function(t + "empty-list-result", args -> Optional.of(list()))
            .function(t + "empty-string-result", args -> Optional.of(str("")))
            .function(
                t + "list-param", expect(failures, "list-param", list(u8(1), u8(2), u8(3), u8(4))))
            .function(t + "list-param2", expect(failures, "list-param2", str("foo")))
            .function(
                t + "list-param3",
                expect(failures, "list-param3", list(str("foo"), str("bar"), str("baz"))))
            .function(
                t + "list-param4",
                expect(
                    failures, "list-param4", list(list(str("foo"), str("bar")), list(str("baz")))))
            .function(
                t + "list-param5",
                expect(
                    failures,
                    "list-param5",
                    list(
                        new TupleValue(List.of(u8(1), u32(2), u8(3))),
                        new TupleValue(List.of(u8(4), u32(5), u8(6))))))
            .function(
                t + "list-result", args -> Optional.of(list(u8(1), u8(2), u8(3), u8(4), u8(5))))
            .function(t + "list-result2", args -> Optional.of(str("hello!")))
            .function(t + "list-result3", args -> Optional.of(list(str("hello,"), str("world!"))))
            .function(t + "list-roundtrip", args -> Optional.of(args.get(0)))
            .function(t + "string-roundtrip", args -> Optional.of(args.get(0)))
            .function(
                t + "list-minmax8", minmax(failures, list(u8(0), u8(255)), list(s8(-128), s8(127))))
            .function(
                t + "list-minmax16",
                minmax(failures, list(u16(0), u16(65535)), list(s16(-32768), s16(32767))))
            .function(
                t + "list-minmax32",
                minmax(
                    failures,
                    list(u32(0), u32(0xFFFF_FFFFL)),
                    list(s32(Integer.MIN_VALUE), s32(Integer.MAX_VALUE))))
            .function(
                t + "list-minmax64",
                minmax(
                    failures,
                    list(u64(0), u64(-1L)),
                    list(s64(Long.MIN_VALUE), s64(Long.MAX_VALUE))))
            .function(
                t + "list-minmax-float",
                minmax(
                    failures,
                    list(
                        new F32Value(-Float.MAX_VALUE),
                        new F32Value(Float.MAX_VALUE),
                        new F32Value(Float.NEGATIVE_INFINITY),
                        new F32Value(Float.POSITIVE_INFINITY)),
                    list(
                        new F64Value(-Double.MAX_VALUE),
                        new F64Value(Double.MAX_VALUE),
                        new F64Value(Double.NEGATIVE_INFINITY),
                        new F64Value(Double.POSITIVE_INFINITY))));
    Guest g = new Guest(c, host);
    Value bytes = g.call("allocated-bytes");
    g.call("test-imports");
    assertEquals(List.of(), failures);
    assertEquals(List.of(), host.unexpectedCalls());
    g.call(t + "empty-list-param", list());
    g.call(t + "empty-string-param", str(""));
    g.call(t + "list-param", list(u8(1), u8(2), u8(3), u8(4)));
    List<Value> blahs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      blahs.add(str("blah"));
    }
    g.call(t + "list-param-large", new ListValue(blahs));
    g.call(t + "list-param2", str("foo"));
    g.call(t + "list-param3", list(str("foo"), str("bar"), str("baz")));
    g.call(t + "list-param4", list(list(str("foo"), str("bar")), list(str("baz"))));
    assertEquals(list(), g.call(t + "empty-list-result"));
    assertEquals(str(""), g.call(t + "empty-string-result"));
    assertEquals(list(u8(1), u8(2), u8(3), u8(4), u8(5)), g.call(t + "list-result"));
    assertEquals(str("hello!"), g.call(t + "list-result2"));
    assertEquals(list(str("hello,"), str("world!")), g.call(t + "list-result3"));
    assertEquals(
        list(u8(1), u8(2), u8(3), u8(4)),
        g.call(t + "list-roundtrip", list(u8(1), u8(2), u8(3), u8(4))));
    assertEquals(str("x"), g.call(t + "string-roundtrip", str("x")));
    assertEquals(str(""), g.call(t + "string-roundtrip", str("")));
    assertEquals(
        str("hello \u2691 world"), g.call(t + "string-roundtrip", str("hello \u2691 world")));
    assertEquals(
        bytes, g.call("allocated-bytes"), "post-return freed everything the calls allocated");
  }

  private static dev.corral.sandbox.host.HostFunction expect(
      List<String> failures, String name, Value expected) {
    return args -> {
      if (!args.equals(List.of(expected))) {
        failures.add(name + " got " + args);
      }
      return Optional.empty();
    };
  }

  private static dev.corral.sandbox.host.HostFunction minmax(
      List<String> failures, Value a, Value b) {
    return args -> {
      if (!args.equals(List.of(a, b))) {
        failures.add("minmax got " + args);
      }
      return Optional.of(new TupleValue(args));
    };
  }

  @Test
  void variants() throws Exception {
    CompiledComponent c = TestComponents.compile("variants.component.wasm");
    String t = "test:variants/test#";
    List<String> failures = new ArrayList<>();
    TestHost host =
        TestHost.of(c)
            .function(
                t + "roundtrip-option",
                args -> {
                  // option<f32> -> option<u8>: jco passes the number through.
                  OptionValue o = (OptionValue) args.get(0);
                  return Optional.of(
                      new OptionValue(o.value().map(v -> u8((long) ((F32Value) v).value()))));
                })
            .function(
                t + "roundtrip-result",
                args -> {
                  ResultValue r = (ResultValue) args.get(0);
                  if (r.isOk()) {
                    return Optional.of(
                        ResultValue.ok(
                            new F64Value(((IntValue) r.payload().orElseThrow()).bits())));
                  }
                  return Optional.of(
                      ResultValue.err(
                          u8(Math.round(((F32Value) r.payload().orElseThrow()).value()))));
                })
            .function(t + "roundtrip-enum", args -> Optional.of(args.get(0)))
            .function(
                t + "invert-bool", args -> Optional.of(bool(!((BoolValue) args.get(0)).value())))
            .function(t + "variant-casts", args -> Optional.of(args.get(0)))
            .function(t + "variant-zeros", args -> Optional.of(args.get(0)))
            .function(t + "variant-typedefs", args -> Optional.empty())
            .function(
                t + "variant-enums",
                args -> {
                  if (!args.equals(List.of(bool(true), ResultValue.ok(null), new EnumValue(0)))) {
                    failures.add("variant-enums got " + args);
                  }
                  return Optional.of(
                      new TupleValue(
                          List.of(bool(false), ResultValue.err(null), new EnumValue(1))));
                });
    Guest g = new Guest(c, host);
    g.call("test-imports");
    assertEquals(List.of(), failures);
    assertEquals(List.of(), host.unexpectedCalls());
    assertEquals(
        OptionValue.some(u8(1)), g.call(t + "roundtrip-option", OptionValue.some(new F32Value(1))));
    assertEquals(OptionValue.none(), g.call(t + "roundtrip-option", OptionValue.none()));
    assertEquals(
        OptionValue.some(u8(2)), g.call(t + "roundtrip-option", OptionValue.some(new F32Value(2))));
    assertEquals(
        ResultValue.ok(new F64Value(2)), g.call(t + "roundtrip-result", ResultValue.ok(u32(2))));
    assertEquals(
        ResultValue.ok(new F64Value(4)), g.call(t + "roundtrip-result", ResultValue.ok(u32(4))));
    assertEquals(
        ResultValue.err(u8(5)),
        g.call(t + "roundtrip-result", ResultValue.err(new F32Value(5.2f))));
    assertEquals(new EnumValue(0), g.call(t + "roundtrip-enum", new EnumValue(0)));
    assertEquals(new EnumValue(1), g.call(t + "roundtrip-enum", new EnumValue(1)));
    assertEquals(bool(false), g.call(t + "invert-bool", bool(true)));
    assertEquals(bool(true), g.call(t + "invert-bool", bool(false)));
    TupleValue casts =
        new TupleValue(
            List.of(
                new VariantValue(0, Optional.of(s32(1))), new VariantValue(0, Optional.of(s32(2))),
                new VariantValue(0, Optional.of(s32(3))), new VariantValue(0, Optional.of(s64(4))),
                new VariantValue(0, Optional.of(s64(5))),
                    new VariantValue(0, Optional.of(new F32Value(6)))));
    assertEquals(casts, g.call(t + "variant-casts", casts));
    TupleValue castsB =
        new TupleValue(
            List.of(
                new VariantValue(1, Optional.of(s64(1))),
                    new VariantValue(1, Optional.of(new F32Value(2))),
                new VariantValue(1, Optional.of(new F64Value(3))),
                    new VariantValue(1, Optional.of(new F32Value(4))),
                new VariantValue(1, Optional.of(new F64Value(5))),
                    new VariantValue(1, Optional.of(new F64Value(6)))));
    assertEquals(castsB, g.call(t + "variant-casts", castsB));
    TupleValue zeros =
        new TupleValue(
            List.of(
                new VariantValue(0, Optional.of(s32(1))), new VariantValue(0, Optional.of(s64(2))),
                new VariantValue(0, Optional.of(new F32Value(3))),
                    new VariantValue(0, Optional.of(new F64Value(4)))));
    assertEquals(zeros, g.call(t + "variant-zeros", zeros));
    g.call(t + "variant-typedefs", OptionValue.none(), bool(false), ResultValue.err(null));
  }

  @Test
  void flavorful() throws Exception {
    CompiledComponent c = TestComponents.compile("flavorful.component.wasm");
    String t = "test:flavorful/test#";
    List<String> failures = new ArrayList<>();
    boolean[] firstErr = {true};
    TestHost host =
        TestHost.of(c)
            .function(t + "f-list-in-record1", args -> Optional.empty())
            .function(
                t + "f-list-in-record2",
                args -> Optional.of(new RecordValue(List.of(str("list_in_record2")))))
            .function(
                t + "f-list-in-record3",
                args -> {
                  if (!args.equals(
                      List.of(new RecordValue(List.of(str("list_in_record3 input")))))) {
                    failures.add("f-list-in-record3 got " + args);
                  }
                  return Optional.of(new RecordValue(List.of(str("list_in_record3 output"))));
                })
            .function(
                t + "f-list-in-record4",
                args -> {
                  if (!args.equals(List.of(new RecordValue(List.of(str("input4")))))) {
                    failures.add("f-list-in-record4 got " + args);
                  }
                  return Optional.of(new RecordValue(List.of(str("result4"))));
                })
            .function(
                t + "f-list-in-variant1",
                args -> {
                  if (!args.equals(
                      List.of(OptionValue.some(str("foo")), ResultValue.err(str("bar"))))) {
                    failures.add("f-list-in-variant1 got " + args);
                  }
                  return Optional.empty();
                })
            .function(
                t + "f-list-in-variant2",
                args -> Optional.of(OptionValue.some(str("list_in_variant2"))))
            .function(
                t + "f-list-in-variant3",
                args -> {
                  if (!args.equals(List.of(OptionValue.some(str("input3"))))) {
                    failures.add("f-list-in-variant3 got " + args);
                  }
                  return Optional.of(OptionValue.some(str("output3")));
                })
            .function(
                t + "errno-result",
                args -> {
                  if (firstErr[0]) {
                    firstErr[0] = false;
                    return Optional.of(ResultValue.err(new EnumValue(2)));
                  }
                  return Optional.of(ResultValue.ok(null));
                })
            .function(
                t + "list-typedefs",
                args -> {
                  if (!args.equals(List.of(str("typedef1"), list(str("typedef2"))))) {
                    failures.add("list-typedefs got " + args);
                  }
                  List<Value> bytes = new ArrayList<>();
                  for (byte b : "typedef3".getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    bytes.add(u8(b));
                  }
                  return Optional.of(
                      new TupleValue(List.of(new ListValue(bytes), list(str("typedef4")))));
                })
            .function(
                t + "list-of-variants",
                args -> {
                  if (!args.equals(
                      List.of(
                          list(bool(true), bool(false)),
                          list(ResultValue.ok(null), ResultValue.err(null)),
                          list(new EnumValue(0), new EnumValue(1))))) {
                    failures.add("list-of-variants got " + args);
                  }
                  return Optional.of(
                      new TupleValue(
                          List.of(
                              list(bool(false), bool(true)),
                              list(ResultValue.err(null), ResultValue.ok(null)),
                              list(new EnumValue(1), new EnumValue(2)))));
                });
    Guest g = new Guest(c, host);
    g.call("test-imports");
    assertEquals(List.of(), failures);
    assertEquals(List.of(), host.unexpectedCalls());
    g.call(t + "f-list-in-record1", new RecordValue(List.of(str("list_in_record1"))));
    assertEquals(new RecordValue(List.of(str("list_in_record2"))), g.call(t + "f-list-in-record2"));
    assertEquals(
        new RecordValue(List.of(str("list_in_record3 output"))),
        g.call(t + "f-list-in-record3", new RecordValue(List.of(str("list_in_record3 input")))));
    assertEquals(
        new RecordValue(List.of(str("result4"))),
        g.call(t + "f-list-in-record4", new RecordValue(List.of(str("input4")))));
    g.call(t + "f-list-in-variant1", OptionValue.some(str("foo")), ResultValue.err(str("bar")));
    assertEquals(OptionValue.some(str("list_in_variant2")), g.call(t + "f-list-in-variant2"));
    assertEquals(
        OptionValue.some(str("output3")),
        g.call(t + "f-list-in-variant3", OptionValue.some(str("input3"))));
    assertEquals(ResultValue.err(new EnumValue(2)), g.call(t + "errno-result"));
    Value typedefs = g.call(t + "list-typedefs", str("typedef1"), list(str("typedef2")));
    TupleValue tv = (TupleValue) typedefs;
    assertEquals(list(str("typedef4")), tv.elements().get(1));
    StringBuilder sb = new StringBuilder();
    for (Value v : ((ListValue) tv.elements().get(0)).elements()) {
      sb.append((char) ((IntValue) v).bits());
    }
    assertEquals("typedef3", sb.toString());
  }

  @Test
  void manyArgumentsSpillBeyondSixteenFlatParameters() throws Exception {
    for (String name : List.of("many_arguments.component.wasm", "many-arguments.component.wasm")) {
      CompiledComponent c = TestComponents.compile(name);
      List<List<Value>> received = new ArrayList<>();
      TestHost host =
          TestHost.of(c)
              .function(
                  "imports#many-arguments",
                  args -> {
                    received.add(args);
                    return Optional.empty();
                  });
      Guest g = new Guest(c, host);
      Value[] args = new Value[16];
      for (int i = 0; i < 16; i++) {
        args[i] = u64(i + 1);
      }
      g.call("many-arguments", args);
      assertEquals(
          List.of(List.of(args)),
          received,
          name + ": the guest forwards its arguments to the import");
    }
  }

  @Test
  void resourceBorrowSimple() throws Exception {
    for (String name :
        List.of("resource_borrow_simple.component.wasm", "resource-borrow-simple.component.wasm")) {
      CompiledComponent c = TestComponents.compile(name);
      List<String> events = new ArrayList<>();
      TestHost host = TestHost.of(c);
      host.destructor("r", rep -> events.add("drop " + rep));
      host.function(
          "[constructor]r",
          args -> {
            events.add("construct");
            return Optional.of(new HandleValue(host.hostResource("r"), 7, true));
          });
      host.function(
          "test",
          args -> {
            HandleValue h = (HandleValue) args.get(0);
            events.add(
                "test "
                    + h.rep()
                    + (h.owned() ? " own" : " borrow")
                    + (h.resource() == host.hostResource("r") ? "" : " wrong type"));
            return Optional.empty();
          });
      new Guest(c, host).call("test-imports");
      assertEquals(List.of("construct", "test 7 borrow", "drop 7"), events, name);
    }
  }

  @Test
  void aGuestDroppingItsOwnResourceRunsTheDestructorInline() throws Exception {
    // resource-into-inner: the guest creates a resource and consumes it (Resource::into_inner),
    // dropping its own handle while it is active; its destructor runs directly.
    CompiledComponent c = TestComponents.compile("resource_into_inner.component.wasm");
    TestHost host = TestHost.of(c);
    Guest g = new Guest(c, host);
    assertEquals(null, g.call("test:resource-into-inner/test#test"));
    assertEquals(List.of(), host.unexpectedCalls());
  }

  @Test
  void instantiationDoesNotRunACoreStartExport() throws Exception {
    // Rust WASI commands export `_start` from their main core module. Instantiating the component
    // must not call it (only wasi:cli/run#run does): with a host whose every function traps,
    // instantiation succeeds and nothing is called.
    for (String name :
        List.of(
            "hello_stdout.component.wasm", "commands_dir.virt.wasm", "utf8-utf16.composed.wasm")) {
      CompiledComponent c = TestComponents.compile(name);
      TestHost host = TestHost.of(c);
      new Guest(c, host);
      assertEquals(List.of(), host.unexpectedCalls(), name);
    }
  }

  @Test
  void smokeExportCallsTheImportedThunk() throws Exception {
    // jco's test/fixtures/runtime/smoke.ts: the host implements test:smoke/imports#thunk, and
    // calling the exported thunk must call it. The C guest then does printf("howdy\n") through
    // the WASI preview-1 adapter: musl line-buffers stdout until its first write finds that it
    // is not a terminal, so the first call's line is written and the second's stays buffered.
    CompiledComponent c = TestComponents.compile("smoke.component.wasm");
    List<String> calls = new ArrayList<>();
    TestHost host =
        TestHost.of(c)
            .function(
                "test:smoke/imports#thunk",
                args -> {
                  calls.add("thunk" + args);
                  return Optional.empty();
                });
    StdioHost stdio = new StdioHost(host, "0.2.0");
    Guest g = new Guest(c, host);
    assertEquals(
        List.of("thunk"),
        g.instance.functions().stream().map(ExportedFunction::qualifiedName).toList());
    assertEquals(List.of(), calls, "instantiation must not call the import");
    assertEquals(null, g.call("thunk"));
    assertEquals(List.of("thunk[]"), calls);
    assertEquals("howdy\n", stdio.stdout());
    assertEquals(null, g.call("thunk"));
    assertEquals(List.of("thunk[]", "thunk[]"), calls);
    assertEquals("howdy\n", stdio.stdout());
    assertEquals("", stdio.stderr());
    assertEquals(List.of(), host.unexpectedCalls());
  }

  @Test
  void otherDependenciesInstantiatesAndExportsItsEmptyInterface() throws Exception {
    // jco's other-dependencies fixture is a codegen test: a Rust guest with WASI imports whose one
    // export, other:test/test, is an empty interface. Instantiating it runs its core start
    // functions; none may call WASI, and there is nothing to call.
    CompiledComponent c = TestComponents.compile("other-dependencies.component.wasm");
    assertEquals(
        List.of("other:test/test"), c.world().exports().stream().map(i -> i.name()).toList());
    assertEquals(List.of(), ((Interface) c.world().exports().get(0)).functions());
    TestHost host = TestHost.of(c);
    Guest g = new Guest(c, host);
    assertEquals(List.of(), g.instance.functions());
    assertEquals(List.of(), host.unexpectedCalls());
  }

  @Test
  void options() throws Exception {
    // Expectations from wit-bindgen's tests/runtime/options (the fixture's source).
    CompiledComponent c = TestComponents.compile("options.component.wasm");
    String t = "test:options/test#";
    List<String> failures = new ArrayList<>();
    TestHost host =
        TestHost.of(c)
            .function(
                t + "option-none-param", expect(failures, "option-none-param", OptionValue.none()))
            .function(
                t + "option-some-param",
                expect(failures, "option-some-param", OptionValue.some(str("foo"))))
            .function(t + "option-none-result", args -> Optional.of(OptionValue.none()))
            .function(t + "option-some-result", args -> Optional.of(OptionValue.some(str("foo"))))
            .function(t + "option-roundtrip", args -> Optional.of(args.get(0)))
            .function(t + "double-option-roundtrip", args -> Optional.of(args.get(0)));
    Guest g = new Guest(c, host);
    g.call("test-imports");
    assertEquals(List.of(), failures);
    assertEquals(List.of(), host.unexpectedCalls());
    g.call(t + "option-none-param", OptionValue.none());
    g.call(t + "option-some-param", OptionValue.some(str("foo")));
    assertEquals(OptionValue.none(), g.call(t + "option-none-result"));
    assertEquals(OptionValue.some(str("foo")), g.call(t + "option-some-result"));
    assertEquals(
        OptionValue.some(str("foo")), g.call(t + "option-roundtrip", OptionValue.some(str("foo"))));
    assertEquals(OptionValue.none(), g.call(t + "option-roundtrip", OptionValue.none()));
    Value someSome = OptionValue.some(OptionValue.some(u32(42)));
    assertEquals(someSome, g.call(t + "double-option-roundtrip", someSome));
    Value someNone = OptionValue.some(OptionValue.none());
    assertEquals(someNone, g.call(t + "double-option-roundtrip", someNone));
    assertEquals(OptionValue.none(), g.call(t + "double-option-roundtrip", OptionValue.none()));
  }

  @Test
  void results() throws Exception {
    // wit-bindgen's tests/runtime/results: the host implements the reference semantics; the
    // guest's exports (which forward to the imports, or implement the same) must agree.
    CompiledComponent c = TestComponents.compile("results.component.wasm");
    String t = "test:results/test#";
    TestHost host =
        TestHost.of(c)
            .function(
                t + "string-error",
                args ->
                    Optional.of(
                        f32(args) == 0f
                            ? ResultValue.err(str("zero"))
                            : ResultValue.ok(args.get(0))))
            .function(
                t + "enum-error",
                args ->
                    Optional.of(
                        f32(args) == 0f
                            ? ResultValue.err(new EnumValue(0))
                            : ResultValue.ok(args.get(0))))
            .function(
                t + "record-error",
                args ->
                    Optional.of(
                        f32(args) == 0f
                            ? ResultValue.err(e2(420, 0))
                            : f32(args) == 1f
                                ? ResultValue.err(e2(77, 2))
                                : ResultValue.ok(args.get(0))))
            .function(
                t + "variant-error",
                args ->
                    Optional.of(
                        f32(args) == 0f
                            ? ResultValue.err(new VariantValue(1, Optional.of(e2(420, 0))))
                            : f32(args) == 1f
                                ? ResultValue.err(
                                    new VariantValue(0, Optional.of(new EnumValue(1))))
                                : f32(args) == 2f
                                    ? ResultValue.err(
                                        new VariantValue(0, Optional.of(new EnumValue(2))))
                                    : ResultValue.ok(args.get(0))))
            .function(
                t + "empty-error",
                args -> {
                  long a = ((IntValue) args.get(0)).bits();
                  return Optional.of(
                      a == 0 ? ResultValue.err(null) : ResultValue.ok(u32(a == 1 ? 42 : a)));
                })
            .function(
                t + "double-error",
                args -> {
                  long a = ((IntValue) args.get(0)).bits();
                  return Optional.of(
                      a == 0
                          ? ResultValue.ok(ResultValue.ok(null))
                          : a == 1
                              ? ResultValue.ok(ResultValue.err(str("one")))
                              : ResultValue.err(str("two")));
                });
    Guest g = new Guest(c, host);
    assertEquals(ResultValue.err(str("zero")), g.call(t + "string-error", new F32Value(0)));
    assertEquals(ResultValue.ok(new F32Value(1)), g.call(t + "string-error", new F32Value(1)));
    assertEquals(ResultValue.err(new EnumValue(0)), g.call(t + "enum-error", new F32Value(0)));
    assertEquals(ResultValue.ok(new F32Value(1)), g.call(t + "enum-error", new F32Value(1)));
    assertEquals(ResultValue.err(e2(420, 0)), g.call(t + "record-error", new F32Value(0)));
    assertEquals(ResultValue.err(e2(77, 2)), g.call(t + "record-error", new F32Value(1)));
    assertEquals(ResultValue.ok(new F32Value(2)), g.call(t + "record-error", new F32Value(2)));
    assertEquals(
        ResultValue.err(new VariantValue(1, Optional.of(e2(420, 0)))),
        g.call(t + "variant-error", new F32Value(0)));
    assertEquals(
        ResultValue.err(new VariantValue(0, Optional.of(new EnumValue(1)))),
        g.call(t + "variant-error", new F32Value(1)));
    assertEquals(
        ResultValue.err(new VariantValue(0, Optional.of(new EnumValue(2)))),
        g.call(t + "variant-error", new F32Value(2)));
    assertEquals(ResultValue.ok(new F32Value(3)), g.call(t + "variant-error", new F32Value(3)));
    assertEquals(ResultValue.err(null), g.call(t + "empty-error", u32(0)));
    assertEquals(ResultValue.ok(u32(42)), g.call(t + "empty-error", u32(1)));
    assertEquals(ResultValue.ok(u32(2)), g.call(t + "empty-error", u32(2)));
    assertEquals(ResultValue.ok(ResultValue.ok(null)), g.call(t + "double-error", u32(0)));
    assertEquals(ResultValue.ok(ResultValue.err(str("one"))), g.call(t + "double-error", u32(1)));
    assertEquals(ResultValue.err(str("two")), g.call(t + "double-error", u32(2)));
    assertEquals(List.of(), host.unexpectedCalls());
  }

  private static float f32(List<Value> args) {
    return ((F32Value) args.get(0)).value();
  }

  private static Value e2(long line, long column) {
    return new RecordValue(List.of(u32(line), u32(column)));
  }

  @Test
  void resources() throws Exception {
    // wit-bindgen's tests/runtime/resources: an imported resource y implemented in Java, and
    // exported resources x, z and kebab-case implemented by the guest.
    CompiledComponent c = TestComponents.compile("resources.component.wasm");
    String y = "imports#";
    java.util.Map<Integer, Long> ys = new java.util.HashMap<>();
    int[] next = {1};
    List<Integer> dropped = new ArrayList<>();
    TestHost host = TestHost.of(c);
    host.destructor(
        "imports#y",
        rep -> {
          dropped.add(rep);
          ys.remove(rep);
        });
    host.function(
        y + "[constructor]y",
        args -> {
          ys.put(next[0], ((IntValue) args.get(0)).bits());
          return Optional.of(new HandleValue(host.hostResource("imports#y"), next[0]++, true));
        });
    host.function(
        y + "[method]y.get-a", args -> Optional.of(s32(ys.get(((HandleValue) args.get(0)).rep()))));
    host.function(
        y + "[method]y.set-a",
        args -> {
          ys.put(((HandleValue) args.get(0)).rep(), ((IntValue) args.get(1)).bits());
          return Optional.empty();
        });
    host.function(
        y + "[static]y.add",
        args -> {
          HandleValue h = (HandleValue) args.get(0);
          check(h.owned(), "add takes ownership");
          ys.put(h.rep(), ys.get(h.rep()) + ((IntValue) args.get(1)).bits());
          return Optional.of(new HandleValue(h.resource(), h.rep(), true));
        });
    Guest g = new Guest(c, host);
    assertEquals(ResultValue.ok(null), g.call("exports#test-imports"));
    assertEquals(List.of(), host.unexpectedCalls());
    assertEquals(3, next[0] - 1, "Y::new(10), Y::new(1), Y::new(2)");
    assertTrue(ys.isEmpty(), "the guest dropped every y it owned: " + ys);
    assertEquals(3, dropped.size());

    String x = "exports#";
    HandleValue x1 = (HandleValue) g.call(x + "[constructor]x", s32(5));
    assertTrue(x1.owned());
    assertEquals(s32(5), g.call(x + "[method]x.get-a", borrow(x1)));
    g.call(x + "[method]x.set-a", borrow(x1), s32(7));
    assertEquals(s32(7), g.call(x + "[method]x.get-a", borrow(x1)));
    HandleValue x2 = (HandleValue) g.call(x + "[static]x.add", x1, s32(3));
    assertEquals(s32(10), g.call(x + "[method]x.get-a", borrow(x2)));
    g.call(x + "consume", x2);

    HandleValue z1 = (HandleValue) g.call(x + "[constructor]z", s32(1));
    HandleValue z2 = (HandleValue) g.call(x + "[constructor]z", s32(2));
    HandleValue z3 = (HandleValue) g.call(x + "add", borrow(z1), borrow(z2));
    assertEquals(s32(3), g.call(x + "[method]z.get-a", borrow(z3)));
    long droppedBefore = ((IntValue) g.call(x + "[static]z.num-dropped")).bits();
    g.instance.drop(z1);
    g.instance.drop(z2);
    assertEquals(
        u32(droppedBefore + 2),
        g.call(x + "[static]z.num-dropped"),
        "the guest destructor ran for each drop");

    HandleValue k = (HandleValue) g.call(x + "[constructor]kebab-case", u32(42));
    assertEquals(u32(42), g.call(x + "[method]kebab-case.get-a", borrow(k)));
    assertEquals(u32(42), g.call(x + "[static]kebab-case.take-owned", k));
  }

  private static HandleValue borrow(HandleValue owned) {
    return new HandleValue(owned.resource(), owned.rep(), false);
  }

  @Test
  void twoVersionsOfOneInterfaceLinkToTheirOwnHosts() throws Exception {
    // wit-bindgen's tests/runtime/versions: test:dep/test@0.1.0 and @0.2.0 are incompatible
    // versions, imported side by side; each import must reach its own host instance.
    CompiledComponent c = TestComponents.compile("versions.component.wasm");
    TestHost host =
        TestHost.of(c)
            .function("test:dep/test@0.1.0#x", args -> Optional.of(new F32Value(1)))
            .function("test:dep/test@0.1.0#y", args -> Optional.of(new F32Value(1 + f32(args))))
            .function("test:dep/test@0.2.0#x", args -> Optional.of(new F32Value(2)))
            .function(
                "test:dep/test@0.2.0#z",
                args ->
                    Optional.of(new F32Value(2 + f32(args) + ((F32Value) args.get(1)).value())));
    Guest g = new Guest(c, host);
    g.call("test-imports");
    assertEquals(List.of(), host.unexpectedCalls());
    assertEquals(new F32Value(1), g.call("test:dep/test@0.1.0#x"));
    assertEquals(new F32Value(2), g.call("test:dep/test@0.1.0#y", new F32Value(1)));
    assertEquals(new F32Value(2), g.call("test:dep/test@0.2.0#x"));
    assertEquals(
        new F32Value(4), g.call("test:dep/test@0.2.0#z", new F32Value(1), new F32Value(1)));
  }

  @Test
  void adderBuildsAddTheirArguments() throws Exception {
    for (String name :
        List.of(
            "component-docs/add.wasm",
            "examples_transpile_adder_adder.wasm",
            "adder.component.wasm")) {
      CompiledComponent c = TestComponents.compile(name);
      Guest g = new Guest(c, TestHost.of(c));
      assertEquals(u32(42), g.call("docs:adder/add@0.1.0#add", u32(40), u32(2)), name);
    }
  }

  @Test
  void forwardingComponentsPassStringsThroughNestedInstances() throws Exception {
    // simple-nested(-optimized): a nested component re-exports its import; async_call's
    // run-sync/run-async call the imported call-sync/call-async (plain synchronous functions).
    for (String name :
        List.of("simple-nested.component.wasm", "simple-nested-optimized.component.wasm")) {
      CompiledComponent c = TestComponents.compile(name);
      TestHost host =
          TestHost.of(c)
              .function(
                  "calvinrp:test-async-funcs/hello@0.1.0#hello-world",
                  args -> Optional.of(str("hello from the host \u2603")));
      Guest g = new Guest(c, host);
      assertEquals(
          str("hello from the host \u2603"),
          g.call("calvinrp:test-async-funcs/hello@0.1.0#hello-world"),
          name);
    }
    CompiledComponent c = TestComponents.compile("async_call.component.wasm");
    TestHost host =
        TestHost.of(c)
            .function("something:test/test-interface#call-sync", args -> Optional.of(str("sync")))
            .function(
                "something:test/test-interface#call-async", args -> Optional.of(str("async")));
    Guest g = new Guest(c, host);
    assertEquals(str("sync"), g.call("run-sync"));
    assertEquals(str("async"), g.call("run-async"));
  }

  @Test
  void resourceBorrowImportAndExport() throws Exception {
    // wit-bindgen's tests/runtime/resource_borrow_import: test(v) = foo(&Thing::new(v + 1)) + 4,
    // with the reference host storing v + 2 and answering foo with the stored value + 3.
    CompiledComponent c = TestComponents.compile("resource_borrow_import.component.wasm");
    String t = "test:resource-borrow-import/test#";
    java.util.Map<Integer, Long> things = new java.util.HashMap<>();
    int[] next = {0};
    TestHost host = TestHost.of(c);
    host.destructor(t + "thing", things::remove);
    host.function(
        t + "[constructor]thing",
        args -> {
          things.put(next[0], ((IntValue) args.get(0)).bits() + 2);
          return Optional.of(new HandleValue(host.hostResource(t + "thing"), next[0]++, true));
        });
    host.function(
        t + "foo",
        args -> {
          HandleValue h = (HandleValue) args.get(0);
          check(!h.owned(), "foo borrows");
          return Optional.of(u32(things.get(h.rep()) + 3));
        });
    Guest g = new Guest(c, host);
    assertEquals(u32(42 + 1 + 2 + 3 + 4), g.call("test", u32(42)));
    assertTrue(things.isEmpty(), "the guest dropped its thing after the call: " + things);

    // resource_borrow_export: Thing::new(v) keeps v + 1; foo(&thing) = value + 2.
    CompiledComponent e = TestComponents.compile("resource_borrow_export.component.wasm");
    Guest ge = new Guest(e, TestHost.of(e));
    String te = "test:resource-borrow-export/test#";
    HandleValue thing = (HandleValue) ge.call(te + "[constructor]thing", u32(42));
    assertEquals(u32(42 + 1 + 2), ge.call(te + "foo", borrow(thing)));
    ge.instance.drop(thing);
  }

  @Test
  void resourceWithLists() throws Exception {
    // wit-bindgen's tests/runtime/resource_with_lists with its reference host.
    CompiledComponent c = TestComponents.compile("resource_with_lists.component.wasm");
    String t = "test:resource-with-lists/test#";
    java.util.Map<Integer, String> things = new java.util.HashMap<>();
    int[] next = {0};
    TestHost host = TestHost.of(c);
    host.destructor(t + "thing", things::remove);
    host.function(
        t + "[constructor]thing",
        args -> {
          things.put(next[0], text(args.get(0)) + " HostThing");
          return Optional.of(new HandleValue(host.hostResource(t + "thing"), next[0]++, true));
        });
    host.function(
        t + "[method]thing.foo",
        args ->
            Optional.of(bytes(things.get(((HandleValue) args.get(0)).rep()) + " HostThing.foo")));
    host.function(
        t + "[method]thing.bar",
        args -> {
          things.put(((HandleValue) args.get(0)).rep(), text(args.get(1)) + " HostThing.bar");
          return Optional.empty();
        });
    host.function(
        t + "[static]thing.baz", args -> Optional.of(bytes(text(args.get(0)) + " HostThing.baz")));
    Guest g = new Guest(c, host);
    HandleValue thing = (HandleValue) g.call(t + "[constructor]thing", bytes("Hi"));
    assertEquals(
        "Hi Thing HostThing HostThing.foo Thing.foo",
        text(g.call(t + "[method]thing.foo", borrow(thing))));
    g.call(t + "[method]thing.bar", borrow(thing), bytes("Hola"));
    assertEquals(
        "Hola Thing.bar HostThing.bar HostThing.foo Thing.foo",
        text(g.call(t + "[method]thing.foo", borrow(thing))));
    assertEquals(
        "Ohayo Gozaimas Thing.baz HostThing.baz Thing.baz again",
        text(g.call(t + "[static]thing.baz", bytes("Ohayo Gozaimas"))));
    g.instance.drop(thing);
    assertTrue(
        things.isEmpty(), "dropping the guest's thing drops the host thing inside it: " + things);
    assertEquals(List.of(), host.unexpectedCalls());
  }

  private static Value bytes(String s) {
    List<Value> out = new ArrayList<>();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      out.add(u8(b & 0xFF));
    }
    return new ListValue(out);
  }

  private static String text(Value list) {
    List<Value> elements = ((ListValue) list).elements();
    byte[] out = new byte[elements.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((IntValue) elements.get(i)).bits();
    }
    return new String(out, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void resourceFloats() throws Exception {
    // wit-bindgen's tests/runtime/resource_floats with wasmtime's reference host: two imported
    // float resources (imports#float and test:resource-floats/test#float) sharing one table.
    CompiledComponent c = TestComponents.compile("resource_floats.component.wasm");
    java.util.Map<Integer, Double> floats = new java.util.HashMap<>();
    int[] next = {0};
    TestHost host = TestHost.of(c);
    String one = "imports#";
    String two = "test:resource-floats/test#";
    host.destructor(one + "float", floats::remove);
    host.destructor(two + "float", floats::remove);
    host.function(
        one + "[constructor]float",
        args -> {
          floats.put(next[0], f64(args.get(0)) + 2);
          return Optional.of(new HandleValue(host.hostResource(one + "float"), next[0]++, true));
        });
    host.function(
        one + "[method]float.get",
        args -> Optional.of(new F64Value(floats.get(((HandleValue) args.get(0)).rep()) + 4)));
    host.function(
        one + "[static]float.add",
        args -> {
          double a = floats.get(((HandleValue) args.get(0)).rep());
          floats.put(next[0], a + f64(args.get(1)) + 6 + 2);
          return Optional.of(new HandleValue(host.hostResource(one + "float"), next[0]++, true));
        });
    host.function(
        two + "[constructor]float",
        args -> {
          floats.put(next[0], f64(args.get(0)) + 1);
          return Optional.of(new HandleValue(host.hostResource(two + "float"), next[0]++, true));
        });
    host.function(
        two + "[method]float.get",
        args -> Optional.of(new F64Value(floats.get(((HandleValue) args.get(0)).rep()) + 3)));
    Guest g = new Guest(c, host);
    HandleValue float3 = (HandleValue) g.call("exports#[constructor]float", new F64Value(22));
    assertEquals(
        new F64Value(22 + 1 + 2 + 4 + 3), g.call("exports#[method]float.get", borrow(float3)));
    HandleValue res = (HandleValue) g.call("exports#[static]float.add", float3, new F64Value(7));
    assertEquals(new F64Value(59), g.call("exports#[method]float.get", borrow(res)));

    // World-level add(a: borrow<float>, b: borrow<float>) -> float over host-made floats.
    ResourceType hostFloat = host.hostResource(two + "float");
    floats.put(100, 43.0);
    floats.put(101, 56.0);
    HandleValue sum =
        (HandleValue)
            g.call(
                "add",
                new HandleValue(hostFloat, 100, false),
                new HandleValue(hostFloat, 101, false));
    assertTrue(sum.owned());
    assertEquals(46 + 59 + 5 + 1, floats.get(sum.rep()));
    assertEquals(List.of(), host.unexpectedCalls());
  }

  private static double f64(Value v) {
    return ((F64Value) v).value();
  }

  @Test
  void resourceBorrowInRecord() throws Exception {
    // wit-bindgen's tests/runtime/resource_borrow_in_record with wasmtime's reference host:
    // borrows inside records inside a list cross two component boundaries.
    CompiledComponent c = TestComponents.compile("resource_borrow_in_record.component.wasm");
    String t = "test:resource-borrow-in-record/test#";
    java.util.Map<Integer, String> things = new java.util.HashMap<>();
    int[] next = {0};
    TestHost host = TestHost.of(c);
    host.destructor(t + "thing", things::remove);
    HostFunction newThing =
        args -> {
          things.put(next[0], ((StringValue) args.get(0)).value() + " HostThing");
          return Optional.of(new HandleValue(host.hostResource(t + "thing"), next[0]++, true));
        };
    host.function(t + "[constructor]thing", newThing);
    host.function(
        t + "[method]thing.get",
        args -> Optional.of(str(things.get(((HandleValue) args.get(0)).rep()) + " HostThing.get")));
    host.function(
        t + "test",
        args -> {
          List<Value> out = new ArrayList<>();
          for (Value foo : ((ListValue) args.get(0)).elements()) {
            HandleValue borrowed = (HandleValue) ((RecordValue) foo).fields().get(0);
            check(!borrowed.owned(), "the record holds a borrow");
            out.add(
                newThing.call(List.of(str(things.get(borrowed.rep()) + " test"))).orElseThrow());
          }
          return Optional.of(new ListValue(out));
        });
    Guest g = new Guest(c, host);
    HandleValue thing1 = (HandleValue) g.call(t + "[constructor]thing", str("Bonjour"));
    HandleValue thing2 = (HandleValue) g.call(t + "[constructor]thing", str("mon cher"));
    ListValue result =
        (ListValue)
            g.call(
                t + "test",
                list(
                    new RecordValue(List.of(borrow(thing1))),
                    new RecordValue(List.of(borrow(thing2)))));
    List<Value> got = new ArrayList<>();
    for (Value v : result.elements()) {
      got.add(g.call(t + "[method]thing.get", borrow((HandleValue) v)));
    }
    assertEquals(
        List.of(
            str("Bonjour Thing HostThing test HostThing HostThing.get Thing.get"),
            str("mon cher Thing HostThing test HostThing HostThing.get Thing.get")),
        got);
    assertEquals(List.of(), host.unexpectedCalls());
  }

  @Test
  void resourceAggregates() throws Exception {
    // wit-bindgen's tests/runtime/resource_aggregates with wasmtime's reference host: owned and
    // borrowed handles inside records, tuples, variants, lists, options and results.
    CompiledComponent c = TestComponents.compile("resource_aggregates.component.wasm");
    String t = "test:resource-aggregates/test#";
    java.util.Map<Integer, Long> things = new java.util.HashMap<>();
    int[] next = {0};
    TestHost host = TestHost.of(c);
    host.destructor(t + "thing", things::remove);
    host.function(
        t + "[constructor]thing",
        args -> {
          things.put(next[0], ((IntValue) args.get(0)).bits() + 2);
          return Optional.of(new HandleValue(host.hostResource(t + "thing"), next[0]++, true));
        });
    host.function(
        t + "foo",
        args -> {
          long sum = 3;
          for (HandleValue h : handlesIn(args)) {
            sum += things.get(h.rep());
          }
          return Optional.of(u32(sum));
        });
    Guest g = new Guest(c, host);
    List<HandleValue> made = new ArrayList<>();
    long expected = 0;
    for (int i = 1; i < 18; i++) {
      made.add((HandleValue) g.call(t + "[constructor]thing", u32(i)));
      expected += i + 1 + 2;
    }
    expected += 3 + 4;
    ExportedFunction foo = g.instance.function(t + "foo").orElseThrow();
    List<Value> args =
        List.of(
            new RecordValue(List.of(made.get(0))),
            new RecordValue(List.of(made.get(1))),
            new RecordValue(List.of(made.get(2), made.get(3))),
            new TupleValue(List.of(made.get(4), new RecordValue(List.of(made.get(5))))),
            new TupleValue(List.of(made.get(6))),
            new VariantValue(0, Optional.of(made.get(7))),
            new VariantValue(0, Optional.of(made.get(8))),
            list(made.get(9), made.get(10)),
            list(made.get(11), made.get(12)),
            OptionValue.some(made.get(13)),
            OptionValue.some(made.get(14)),
            ResultValue.ok(made.get(15)),
            ResultValue.ok(made.get(16)));
    List<Value> typed = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      typed.add(asTyped(args.get(i), foo.type().params().get(i).type()));
    }
    assertEquals(Optional.of(u32(expected)), g.instance.call(foo, typed));
    assertEquals(List.of(), host.unexpectedCalls());
  }

  /** Every handle inside a value tree. */
  private static List<HandleValue> handlesIn(List<Value> values) {
    List<HandleValue> out = new ArrayList<>();
    for (Value v : values) {
      switch (v) {
        case HandleValue h -> out.add(h);
        case RecordValue r -> out.addAll(handlesIn(r.fields()));
        case TupleValue tv -> out.addAll(handlesIn(tv.elements()));
        case ListValue l -> out.addAll(handlesIn(l.elements()));
        case VariantValue vv -> vv.payload().ifPresent(p -> out.addAll(handlesIn(List.of(p))));
        case OptionValue o -> o.value().ifPresent(p -> out.addAll(handlesIn(List.of(p))));
        case ResultValue r -> r.payload().ifPresent(p -> out.addAll(handlesIn(List.of(p))));
        default -> {}
      }
    }
    return out;
  }

  /** Turns owned handles into borrows where {@code type} asks for {@code borrow<T>}. */
  private static Value asTyped(Value v, dev.corral.sandbox.types.ValType type) {
    return switch (type) {
      case dev.corral.sandbox.types.BorrowType b -> borrow((HandleValue) v);
      case dev.corral.sandbox.types.RecordType r -> {
        List<Value> fields = new ArrayList<>();
        for (int i = 0; i < r.fields().size(); i++) {
          fields.add(asTyped(((RecordValue) v).fields().get(i), r.fields().get(i).type()));
        }
        yield new RecordValue(fields);
      }
      case dev.corral.sandbox.types.TupleType tt -> {
        List<Value> elements = new ArrayList<>();
        for (int i = 0; i < tt.types().size(); i++) {
          elements.add(asTyped(((TupleValue) v).elements().get(i), tt.types().get(i)));
        }
        yield new TupleValue(elements);
      }
      case dev.corral.sandbox.types.ListType lt ->
          new ListValue(
              ((ListValue) v).elements().stream().map(e -> asTyped(e, lt.element())).toList());
      case dev.corral.sandbox.types.VariantType vt -> {
        VariantValue vv = (VariantValue) v;
        yield new VariantValue(
            vv.caseIndex(),
            vv.payload().map(p -> asTyped(p, vt.cases().get(vv.caseIndex()).type().orElseThrow())));
      }
      case dev.corral.sandbox.types.OptionType ot ->
          new OptionValue(((OptionValue) v).value().map(p -> asTyped(p, ot.some())));
      case dev.corral.sandbox.types.ResultType rt -> {
        ResultValue r = (ResultValue) v;
        yield new ResultValue(
            r.isOk(),
            r.payload().map(p -> asTyped(p, (r.isOk() ? rt.ok() : rt.err()).orElseThrow())));
      }
      default -> v;
    };
  }

  @Test
  void resourceAliasPassesOwnershipThroughAliasedTypes() throws Exception {
    // wit-bindgen's tests/runtime/resource_alias: e2's y is e1's x (`use e1.{x as y}`); e1.a(f)
    // returns [f.x] and e2.a(f, g, h) returns [f.x, g.x], so the very handles passed in return.
    CompiledComponent c = TestComponents.compile("resource_alias.component.wasm");
    Guest g = new Guest(c, TestHost.of(c));
    String e1 = "test:resource-alias/e1#";
    HandleValue x42 = (HandleValue) g.call(e1 + "[constructor]x", u32(42));
    assertEquals(list(x42), g.call(e1 + "a", new RecordValue(List.of(x42))));
    HandleValue x7 = (HandleValue) g.call(e1 + "[constructor]x", u32(7));
    HandleValue x8 = (HandleValue) g.call(e1 + "[constructor]x", u32(8));
    HandleValue y = (HandleValue) g.call(e1 + "[constructor]x", u32(8));
    assertEquals(
        list(x7, x8),
        g.call(
            "test:resource-alias/e2#a",
            new RecordValue(List.of(x7)),
            new RecordValue(List.of(x8)),
            borrow(y)));
    // The world model sees one resource type under two names.
    Interface e2 = c.world().exportedInterface("test:resource-alias/e2").orElseThrow();
    assertEquals(
        Optional.of(new QualifiedTypeName(Optional.of("test:resource-alias/e1"), "x")),
        e2.type("y").orElseThrow().aliasOf());
  }

  @Test
  void resourceAliasRedux() throws Exception {
    // wit-bindgen's tests/runtime/resource_alias_redux with wasmtime's reference host.
    CompiledComponent c = TestComponents.compile("resource_alias_redux.component.wasm");
    String a1 = "test:resource-alias-redux/resource-alias1#";
    String a2 = "test:resource-alias-redux/resource-alias2#";
    java.util.Map<Integer, String> things = new java.util.HashMap<>();
    int[] next = {0};
    TestHost host = TestHost.of(c);
    host.destructor(a1 + "thing", things::remove);
    host.function(
        a1 + "[constructor]thing",
        args -> {
          things.put(next[0], ((StringValue) args.get(0)).value() + " HostThing");
          return Optional.of(new HandleValue(host.hostResource(a1 + "thing"), next[0]++, true));
        });
    host.function(
        a1 + "[method]thing.get",
        args -> Optional.of(str(things.get(((HandleValue) args.get(0)).rep()) + " HostThing.get")));
    host.function(a1 + "a", args -> Optional.of(list(((RecordValue) args.get(0)).fields().get(0))));
    host.function(
        a2 + "b",
        args ->
            Optional.of(
                list(
                    ((RecordValue) args.get(0)).fields().get(0),
                    ((RecordValue) args.get(1)).fields().get(0))));
    Guest g = new Guest(c, host);

    things.put(100, "Ni Hao HostThing");
    ListValue back =
        (ListValue)
            g.call("test", list(new HandleValue(host.hostResource(a1 + "thing"), 100, true)));
    assertEquals(
        List.of("Ni Hao HostThing"),
        back.elements().stream().map(h -> things.get(((HandleValue) h).rep())).toList());

    HandleValue thing2 = (HandleValue) g.call(a1 + "[constructor]thing", str("Ciao"));
    ListValue res = (ListValue) g.call(a1 + "a", new RecordValue(List.of(thing2)));
    assertEquals(List.of(str("Ciao Thing HostThing HostThing.get Thing.get")), gets(g, a1, res));
    HandleValue thing3 = (HandleValue) g.call(a1 + "[constructor]thing", str("Ciao"));
    HandleValue thing4 = (HandleValue) g.call(a1 + "[constructor]thing", str("Aloha"));
    res =
        (ListValue)
            g.call(a2 + "b", new RecordValue(List.of(thing3)), new RecordValue(List.of(thing4)));
    assertEquals(
        List.of(
            str("Ciao Thing HostThing HostThing.get Thing.get"),
            str("Aloha Thing HostThing HostThing.get Thing.get")),
        gets(g, a1, res));
    assertEquals(List.of(), host.unexpectedCalls());
  }

  private static List<Value> gets(Guest g, String iface, ListValue handles) throws ComponentTrap {
    List<Value> out = new ArrayList<>();
    for (Value h : handles.elements()) {
      out.add(g.call(iface + "[method]thing.get", borrow((HandleValue) h)));
    }
    return out;
  }

  @Test
  void ownership() throws Exception {
    // wit-bindgen's tests/runtime/ownership (owning, borrowing, borrowing-duplicate-if-necessary:
    // one guest source compiled with three ownership modes) with wasmtime's reference host.
    for (String name :
        List.of(
            "owning.component.wasm",
            "borrowing.component.wasm",
            "borrowing-duplicate-if-necessary.component.wasm")) {
      CompiledComponent c = TestComponents.compile(name);
      String both = "test:ownership/both-list-and-resource#";
      List<String> calls = new ArrayList<>();
      List<Value> lastList = new ArrayList<>();
      TestHost host = TestHost.of(c);
      Value thing =
          new RecordValue(List.of(str("thing 1"), list(str("some value"), str("another value"))));
      host.function(
          "lists#foo",
          args -> {
            calls.add("foo " + args.equals(List.of(list(list(str("foo"), str("bar"))))));
            return Optional.of(args.get(0));
          });
      host.function(
          "thing-in#bar",
          args -> {
            calls.add("bar " + args.equals(List.of(thing)));
            return Optional.empty();
          });
      host.function(
          "thing-in-and-out#baz",
          args -> {
            calls.add("baz " + args.equals(List.of(thing)));
            return Optional.of(args.get(0));
          });
      host.function(
          both + "[constructor]the-resource",
          args -> {
            calls.add("new " + args.equals(List.of(list(str("foo"), str("bar"), str("baz")))));
            lastList.add(args.get(0));
            return Optional.of(
                new HandleValue(host.hostResource(both + "the-resource"), 100, true));
          });
      host.function(
          both + "list-and-resource",
          args -> {
            RecordValue r = (RecordValue) args.get(0);
            HandleValue h = (HandleValue) r.fields().get(1);
            calls.add(
                "list-and-resource "
                    + (h.rep() == 100 && h.owned() && r.fields().get(0).equals(lastList.get(0))));
            return Optional.empty();
          });
      new Guest(c, host).call("foo");
      assertEquals(
          List.of("foo true", "bar true", "baz true", "new true", "list-and-resource true"),
          calls,
          name);
      assertEquals(List.of(), host.unexpectedCalls(), name);
    }
  }

  @Test
  void resourceImportAndExport() throws Exception {
    // wit-bindgen's tests/runtime/resource_import_and_export with wasmtime's reference host: the
    // guest's exported thing wraps the host's imported thing of the same interface name.
    for (String name :
        List.of(
            "resource_import_and_export.component.wasm",
            "resource-import-and-export.component.wasm")) {
      CompiledComponent c = TestComponents.compile(name);
      String t = "test:resource-import-and-export/test#";
      java.util.Map<Integer, Long> things = new java.util.HashMap<>();
      int[] next = {0};
      TestHost host = TestHost.of(c);
      host.destructor(t + "thing", things::remove);
      HostFunction newThing =
          args -> {
            things.put(next[0], ((IntValue) args.get(0)).bits() + 1);
            return Optional.of(new HandleValue(host.hostResource(t + "thing"), next[0]++, true));
          };
      HostFunction foo =
          args -> Optional.of(u32(things.get(((HandleValue) args.get(0)).rep()) + 2));
      host.function(t + "[constructor]thing", newThing);
      host.function(t + "[method]thing.foo", foo);
      host.function(
          t + "[method]thing.bar",
          args -> {
            things.put(((HandleValue) args.get(0)).rep(), ((IntValue) args.get(1)).bits() + 3);
            return Optional.empty();
          });
      host.function(
          t + "[static]thing.baz",
          args -> {
            long a = ((IntValue) foo.call(List.of(args.get(0))).orElseThrow()).bits();
            long b = ((IntValue) foo.call(List.of(args.get(1))).orElseThrow()).bits();
            return newThing.call(List.of(u32(a + b + 4)));
          });
      host.function("toplevel-import", args -> Optional.of(args.get(0)));
      Guest g = new Guest(c, host);
      HandleValue thing1 = (HandleValue) g.call(t + "[constructor]thing", u32(42));
      assertEquals(u32(42 + 1 + 1 + 2 + 2), g.call(t + "[method]thing.foo", borrow(thing1)), name);
      g.call(t + "[method]thing.bar", borrow(thing1), u32(33));
      assertEquals(u32(33 + 3 + 3 + 2 + 2), g.call(t + "[method]thing.foo", borrow(thing1)), name);
      HandleValue thing2 = (HandleValue) g.call(t + "[constructor]thing", u32(81));
      HandleValue thing3 = (HandleValue) g.call(t + "[static]thing.baz", thing1, thing2);
      assertEquals(
          u32(33 + 3 + 3 + 81 + 1 + 1 + 2 + 2 + 4 + 1 + 2 + 4 + 1 + 1 + 2 + 2),
          g.call(t + "[method]thing.foo", borrow(thing3)),
          name);
      assertEquals(List.of(), host.unexpectedCalls(), name);
    }
  }

  @Test
  void importsLinkToAnySemverCompatibleHostVersion() throws Exception {
    CompiledComponent c = TestComponents.compile("versions.component.wasm");
    HostFunction one = args -> Optional.of(new F32Value(1));
    // 0.1.0 is satisfied by 0.1.9 and 0.2.0 by 0.2.12 (same 0.x minor version).
    TestHost host =
        TestHost.of(c)
            .provideAs("test:dep/test@0.1.0", "test:dep/test@0.1.9")
            .provideAs("test:dep/test@0.2.0", "test:dep/test@0.2.12")
            .function("test:dep/test@0.1.0#x", one)
            .function("test:dep/test@0.1.0#y", args -> Optional.of(new F32Value(1 + f32(args))))
            .function("test:dep/test@0.2.0#x", args -> Optional.of(new F32Value(2)))
            .function(
                "test:dep/test@0.2.0#z",
                args ->
                    Optional.of(new F32Value(2 + f32(args) + ((F32Value) args.get(1)).value())));
    new Guest(c, host).call("test-imports");
    assertEquals(List.of(), host.unexpectedCalls());

    // 0.3.0 is not compatible with 0.2.0: the import is missing.
    TestHost incompatible = TestHost.of(c).provideAs("test:dep/test@0.2.0", "test:dep/test@0.3.0");
    LinkException e = assertThrows(LinkException.class, () -> c.instantiate(incompatible.linker()));
    assertTrue(
        e.getMessage()
            .contains("missing import: the host does not provide interface 'test:dep/test@0.2.0'"),
        e.getMessage());
  }

  @Test
  void exampleGuestImport() throws Exception {
    // jco's example_guest_import test: the host's Scalars number themselves in creation order;
    // front.handle(x) answers x.get-b() + fetch(x).get-b().
    CompiledComponent c = TestComponents.compile("example_guest_import.wasm");
    String b = "example2:component/backend@0.1.0#";
    int[] instances = {0};
    List<Integer> received = new ArrayList<>();
    List<Integer> dropped = new ArrayList<>();
    TestHost host = TestHost.of(c);
    host.destructor(b + "scalars", dropped::add);
    host.function(
        b + "[method]scalars.get-b", args -> Optional.of(u32(((HandleValue) args.get(0)).rep())));
    host.function(
        b + "fetch",
        args -> {
          HandleValue x = (HandleValue) args.get(0);
          check(!x.owned(), "fetch borrows");
          received.add(x.rep());
          return Optional.of(
              new HandleValue(host.hostResource(b + "scalars"), instances[0]++, true));
        });
    Guest g = new Guest(c, host);
    ResourceType scalars = host.hostResource(b + "scalars");
    HandleValue x = new HandleValue(scalars, instances[0]++, true);
    HandleValue y = new HandleValue(scalars, instances[0]++, true);
    String handle = "example2:component/front@0.1.0#handle";
    assertEquals(u32(2), g.call(handle, x));
    assertEquals(u32(4), g.call(handle, y));
    assertEquals(List.of(0, 1), received);
    assertEquals(u32(4), g.call(handle, new HandleValue(scalars, received.get(0), true)));
    assertEquals(u32(6), g.call(handle, new HandleValue(scalars, received.get(1), true)));
    assertTrue(
        dropped.containsAll(List.of(0, 1, 2, 3)), "the guest dropped what it owned: " + dropped);
    assertEquals(List.of(), host.unexpectedCalls());
  }

  @Test
  void rustCrossCrateBindings() throws Exception {
    // wit-bindgen's tests/runtime/rust_xcrate: b() calls a(), b(), then creates, uses and drops
    // an x of each imported interface (two distinct resource types with the same name).
    CompiledComponent c = TestComponents.compile("rust_xcrate.component.wasm");
    List<String> events = new ArrayList<>();
    TestHost host = TestHost.of(c);
    for (String iface : List.of("test:xcrate/a-imports", "test:xcrate/b-imports")) {
      String p = iface + "#";
      String tag = iface.substring(iface.indexOf('/') + 1, iface.indexOf('/') + 2);
      host.destructor(p + "x", rep -> events.add("drop " + tag + " " + rep));
      host.function(
          p + "[constructor]x",
          args -> {
            events.add("new " + tag);
            return Optional.of(new HandleValue(host.hostResource(p + "x"), 2, true));
          });
      host.function(
          p + "[method]x.foo",
          args -> {
            HandleValue h = (HandleValue) args.get(0);
            events.add(
                "foo "
                    + tag
                    + " "
                    + h.rep()
                    + (h.resource() == host.hostResource(p + "x") ? "" : " wrong type"));
            return Optional.empty();
          });
    }
    host.function(
        "test:xcrate/a-imports#a",
        args -> {
          events.add("a");
          return Optional.empty();
        });
    host.function(
        "test:xcrate/b-imports#b",
        args -> {
          events.add("b");
          return Optional.empty();
        });
    Guest g = new Guest(c, host);
    g.call("b");
    assertEquals(
        List.of("a", "b", "new a", "foo a 2", "drop a 2", "new b", "foo b 2", "drop b 2"), events);
    HandleValue x = (HandleValue) g.call("an-exported-interface#[constructor]x");
    assertEquals(null, g.call("an-exported-interface#[method]x.foo", borrow(x)));
    g.instance.drop(x);
    assertEquals(List.of(), host.unexpectedCalls());
  }

  @Test
  void typeSectionSuffix() throws Exception {
    // wit-bindgen's tests/runtime/type_section_suffix: run() calls the interface's foo through
    // two binding generations, then the world-level foo and bar.
    CompiledComponent c = TestComponents.compile("type_section_suffix.component.wasm");
    List<String> calls = new ArrayList<>();
    TestHost host = TestHost.of(c);
    for (String name : List.of("test:suffix/imports#foo", "foo", "bar")) {
      host.function(
          name,
          args -> {
            calls.add(name);
            return Optional.empty();
          });
    }
    new Guest(c, host).call("run");
    assertEquals(
        List.of("test:suffix/imports#foo", "test:suffix/imports#foo", "foo", "bar"), calls);
    assertEquals(List.of(), host.unexpectedCalls());
  }

  // ------------------------------------------------------------------ helpers

  /** An instance of a fixture with its test host; calls by qualified name. */
  static final class Guest {
    final ComponentInstance instance;

    Guest(CompiledComponent component, TestHost host) throws Exception {
      this.instance = component.instantiate(host.linker());
    }

    Value call(String name, Value... args) throws ComponentTrap {
      ExportedFunction f =
          instance.function(name).orElseThrow(() -> new AssertionError("no export " + name));
      return instance.call(f, List.of(args)).orElse(null);
    }
  }

  static Value u8(long v) {
    return new IntValue(Primitive.U8, v);
  }

  static Value s8(long v) {
    return new IntValue(Primitive.S8, v);
  }

  static Value u16(long v) {
    return new IntValue(Primitive.U16, v);
  }

  static Value s16(long v) {
    return new IntValue(Primitive.S16, v);
  }

  static Value u32(long v) {
    return new IntValue(Primitive.U32, v);
  }

  static Value s32(long v) {
    return new IntValue(Primitive.S32, v);
  }

  static Value u64(long v) {
    return new IntValue(Primitive.U64, v);
  }

  static Value s64(long v) {
    return new IntValue(Primitive.S64, v);
  }

  static Value str(String s) {
    return new StringValue(s);
  }

  static Value list(Value... elements) {
    return new ListValue(List.of(elements));
  }

  static Value flags(int... set) {
    BitSet bits = new BitSet();
    for (int i : set) {
      bits.set(i);
    }
    return new FlagsValue(bits);
  }

  static Value bool(boolean b) {
    return new BoolValue(b);
  }

  static List<Value> values(Value... vs) {
    return new ArrayList<>(List.of(vs));
  }

  static void check(boolean condition, String message) {
    assertTrue(condition, message);
  }
}
