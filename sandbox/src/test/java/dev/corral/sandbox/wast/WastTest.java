package dev.corral.sandbox.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.binary.ComponentDecodeException;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ComponentInstance;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
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
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the synchronous value and resource scripts of the component-model repository's test/ suite
 * (test/values/*.wast, test/resources/*.wast), from src/test/resources/wast. The components in them
 * were assembled to binaries by sandbox/scripts/assemble-wast.mjs ({@code NAME.i.wasm} is the i-th
 * component form of {@code NAME.wast}). Each command is a dynamic test, run in order. {@code
 * assert_trap} checks that the call traps for the stated reason: Corral words its messages itself,
 * so the reference interpreter's message is mapped to Corral's ({@link TrapReasons}).
 */
class WastTest {
  /**
   * Commands that fail for a reason outside Corral, by "script#command"; each still runs and must
   * fail with the given message (then it is reported as skipped), so a fix shows up at once.
   */
  static final Map<String, String> KNOWN_ISSUES =
      Map.of(
          "borrows#2", "indirect call type mismatch",
          "multiple-resources#1", "indirect call type mismatch");

  static final String KNOWN_ISSUE_REASON =
      "Chicory 1.7.5 checks a call_indirect into a table entry"
          + " owned by another core instance against the wrong module's type section (a resource"
          + " destructor reached through a shared funcref table)";

  static final List<String> SCRIPTS =
      List.of(
          "alignment",
          "borrows",
          "concat",
          "handle-table",
          "multiple-resources",
          "numerics",
          "post-return",
          "realloc",
          "strings",
          "transcode",
          "variants",
          "corral-post-return",
          "corral-validation");

  @TestFactory
  Stream<DynamicContainer> scripts() throws IOException {
    List<DynamicContainer> containers = new ArrayList<>();
    for (String script : SCRIPTS) {
      containers.add(
          DynamicContainer.dynamicContainer(script + ".wast", new Script(script).commands()));
    }
    return containers.stream();
  }

  /** The state of one script as it runs. */
  static final class Script {
    private final String name;
    private final List<SExpr> forms;
    private final Map<String, CompiledComponent> definitions = new HashMap<>();
    private final Map<String, String> unsupportedDefinitions = new HashMap<>();
    private ComponentInstance current;
    private String unsupported;
    private int componentIndex;

    Script(String name) throws IOException {
      this.name = name;
      this.forms = SExpr.parseAll(new String(resource(name + ".wast"), StandardCharsets.UTF_8));
    }

    Stream<DynamicTest> commands() {
      List<DynamicTest> tests = new ArrayList<>();
      int n = 0;
      for (SExpr form : forms) {
        SExpr.Lst list = (SExpr.Lst) form;
        String key = name + "#" + n;
        String label = (n++) + ": " + describe(list);
        tests.add(
            DynamicTest.dynamicTest(
                label,
                () -> {
                  String known = KNOWN_ISSUES.get(key);
                  if (known == null) {
                    run(list);
                    return;
                  }
                  Exception e =
                      assertThrows(
                          Exception.class, () -> run(list), "known issue fixed? remove " + key);
                  assertTrue(String.valueOf(e.getMessage()).contains(known), e::toString);
                  Assumptions.abort(KNOWN_ISSUE_REASON);
                }));
      }
      return tests.stream();
    }

    private static String describe(SExpr.Lst form) {
      String head = form.head();
      if (head.equals("component")) {
        return form.items().size() > 1 && form.items().get(1) instanceof SExpr.Atom a
            ? "component " + a.text()
            : "component";
      }
      if (head.equals("assert_invalid")) {
        return head + " \"" + ((SExpr.Str) form.items().get(2)).value() + "\"";
      }
      if (head.startsWith("assert")
          && form.items().get(1) instanceof SExpr.Lst inv
          && inv.head().equals("invoke")) {
        String fn = ((SExpr.Str) inv.items().get(1)).value();
        String tail =
            form.items().get(form.items().size() - 1) instanceof SExpr.Str s
                ? " \"" + s.value() + "\""
                : "";
        return head + " " + fn + tail;
      }
      return head;
    }

    private void run(SExpr.Lst form) throws Exception {
      switch (form.head()) {
        case "component" -> {
          List<SExpr> items = form.items();
          if (items.size() > 1
              && items.get(1) instanceof SExpr.Atom a
              && a.text().equals("instance")) {
            String definition = ((SExpr.Atom) items.get(3)).text();
            current = null;
            unsupported = unsupportedDefinitions.get(definition);
            if (unsupported != null) {
              Assumptions.abort(unsupported);
            }
            current = definitions.get(definition).instantiate(Linker.empty());
            return;
          }
          boolean definition =
              items.size() > 1
                  && items.get(1) instanceof SExpr.Atom a
                  && a.text().equals("definition");
          current = null;
          unsupported = null;
          CompiledComponent compiled;
          try {
            compiled =
                CompiledComponent.compile(resource(name + "." + (componentIndex++) + ".wasm"));
          } catch (LinkException e) {
            // Component-model async (p3) and gated features are out of scope: they must be
            // rejected at compile time with a message saying so.
            assertTrue(
                e.getMessage().contains("which Corral does not support")
                    || e.getMessage().contains("(component-model async) is not supported"),
                e::getMessage);
            unsupported = "uses a feature Corral rejects: " + e.getMessage();
            if (definition) {
              unsupportedDefinitions.put(((SExpr.Atom) items.get(2)).text(), unsupported);
            }
            return;
          }
          if (definition) {
            definitions.put(((SExpr.Atom) items.get(2)).text(), compiled);
          } else {
            current = compiled.instantiate(Linker.empty());
          }
        }
        case "assert_return" -> {
          SExpr.Lst invoke = (SExpr.Lst) form.items().get(1);
          ExportedFunction f = function(invoke);
          Optional<Value> result = current.call(f, args(f, invoke));
          List<SExpr> expected = form.items().subList(2, form.items().size());
          if (expected.isEmpty()) {
            assertEquals(Optional.empty(), result);
          } else {
            assertEquals(
                Optional.of(value(expected.get(0), f.type().result().orElseThrow())), result);
          }
        }
        case "assert_trap" -> {
          SExpr.Lst invoke = (SExpr.Lst) form.items().get(1);
          ExportedFunction f = function(invoke);
          List<Value> args = args(f, invoke);
          ComponentTrap trap = assertThrows(ComponentTrap.class, () -> current.call(f, args));
          String expected = ((SExpr.Str) form.items().get(2)).value();
          if (name.startsWith("corral-")) {
            // Corral's own scripts state Corral's wording of the trap.
            assertTrue(trap.getMessage().contains(expected), trap::getMessage);
          } else {
            // upstream scripts state the reference interpreter's wording: compare the reason
            Pattern corral =
                TrapReasons.corralPattern(expected)
                    .orElseThrow(
                        () ->
                            new AssertionError(
                                "no Corral wording for the upstream trap \""
                                    + expected
                                    + "\": add it to TrapReasons"));
            assertTrue(
                corral.matcher(trap.getMessage()).matches(),
                () ->
                    "expected a trap matching "
                        + corral
                        + " (upstream: "
                        + expected
                        + "), got: "
                        + trap.getMessage());
          }
        }
        case "assert_invalid" -> {
          // the component must fail to compile or to link, with Corral's exact message
          byte[] bytes = resource(name + "." + (componentIndex++) + ".wasm");
          String expected = ((SExpr.Str) form.items().get(2)).value();
          Exception e =
              assertThrows(
                  Exception.class,
                  () -> CompiledComponent.compile(bytes).instantiate(Linker.empty()));
          assertTrue(
              e instanceof LinkException || e instanceof ComponentDecodeException, e::toString);
          assertEquals(expected, e.getMessage());
        }
        default -> throw new AssertionError("unsupported command " + form.head());
      }
    }

    private ExportedFunction function(SExpr.Lst invoke) {
      assertEquals("invoke", invoke.head());
      if (current == null && unsupported != null) {
        Assumptions.abort(unsupported);
      }
      assertNotNull(current, "no component instance yet");
      String fn = ((SExpr.Str) invoke.items().get(1)).value();
      return current.function(fn).orElseThrow(() -> new AssertionError("no export " + fn));
    }

    private static List<Value> args(ExportedFunction f, SExpr.Lst invoke) {
      List<SExpr> given = invoke.items().subList(2, invoke.items().size());
      assertEquals(f.type().params().size(), given.size(), "argument count");
      List<Value> args = new ArrayList<>();
      for (int i = 0; i < given.size(); i++) {
        args.add(value(given.get(i), f.type().params().get(i).type()));
      }
      return args;
    }
  }

  /**
   * A value written as {@code (u32.const 1)}, {@code (list.const ...)} etc., read at {@code type}.
   */
  static Value value(SExpr expr, ValType type) {
    SExpr.Lst l = (SExpr.Lst) expr;
    return value(l.head(), l.items().subList(1, l.items().size()), type);
  }

  static Value value(String kind, List<SExpr> args, ValType type) {
    return switch (type) {
      case Primitive p ->
          switch (p) {
            case BOOL -> new BoolValue(atom(args.get(0)).equals("true"));
            case CHAR -> new CharValue(((SExpr.Str) args.get(0)).value().codePointAt(0));
            case STRING -> new StringValue(((SExpr.Str) args.get(0)).value());
            case F32 -> new F32Value(Float.parseFloat(atom(args.get(0))));
            case F64 -> new F64Value(Double.parseDouble(atom(args.get(0))));
            default -> new IntValue(p, integer(atom(args.get(0))));
          };
      case ListType lt -> new ListValue(args.stream().map(a -> value(a, lt.element())).toList());
      case TupleType tt -> {
        List<Value> vs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
          vs.add(value(args.get(i), tt.types().get(i)));
        }
        yield new TupleValue(vs);
      }
      case RecordType rt -> {
        List<Value> vs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
          SExpr.Lst field = (SExpr.Lst) args.get(i);
          List<SExpr> rest = field.items().subList(2, field.items().size());
          ValType ft = rt.fields().get(i).type();
          vs.add(
              rest.size() == 1
                  ? value(rest.get(0), ft)
                  : value(atom(rest.get(0)), rest.subList(1, rest.size()), ft));
        }
        yield new RecordValue(vs);
      }
      case VariantType vt -> {
        String c = ((SExpr.Str) args.get(0)).value();
        int index = indexOf(vt.cases().stream().map(x -> x.name()).toList(), c);
        Optional<ValType> payload = vt.cases().get(index).type();
        yield new VariantValue(index, payload.map(pt -> value(args.get(1), pt)));
      }
      case EnumType et -> new EnumValue(indexOf(et.cases(), ((SExpr.Str) args.get(0)).value()));
      case FlagsType ft -> {
        BitSet bits = new BitSet();
        for (SExpr a : args) {
          bits.set(indexOf(ft.names(), ((SExpr.Str) a).value()));
        }
        yield new FlagsValue(bits);
      }
      case OptionType ot ->
          kind.equals("option.none")
              ? OptionValue.none()
              : OptionValue.some(value(args.get(0), ot.some()));
      case ResultType rt ->
          kind.equals("result.ok")
              ? new ResultValue(true, rt.ok().map(t -> value(args.get(0), t)))
              : new ResultValue(false, rt.err().map(t -> value(args.get(0), t)));
      default -> throw new AssertionError("cannot write a value of type " + type);
    };
  }

  private static int indexOf(List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new AssertionError(name + " is not one of " + names);
    }
    return i;
  }

  private static String atom(SExpr e) {
    return ((SExpr.Atom) e).text();
  }

  private static long integer(String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    if (negative || t.startsWith("+")) {
      t = t.substring(1);
    }
    BigInteger v = t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
    return (negative ? v.negate() : v).longValue();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = WastTest.class.getResourceAsStream("/wast/" + name)) {
      if (in == null) {
        throw new IOException("no resource wast/" + name);
      }
      return in.readAllBytes();
    }
  }
}
