package dev.corral.sandbox.differential;

import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The component text of an echo component for the canonical-ABI fuzzer (wasmtime's {@code
 * component_api} fuzz target works the same way): it imports {@code test:fuzz/host} with a function
 * {@code fN} per signature and exports a world-level {@code fN} of the same type whose core
 * function passes its flat parameters (or the pointer to their spilled copy) straight to the
 * lowered import and returns what the import returned (or its return area). So a call lowers the
 * host's arguments into guest memory, lifts them again for the import, lowers the import's result
 * and lifts it back: every value crosses the ABI four times, in the string encoding chosen per
 * function. Memory and {@code realloc} (a bump allocator) live in their own core module so the
 * import can be lowered before the module that calls it is instantiated. Named types (records,
 * variants, enums, flags) are exported by the import's instance type and aliased out.
 */
final class EchoComponent {
  /** Where the exports' core functions put an import's spilled result (below realloc's heap). */
  private static final int RETURN_AREA = 1024;

  private EchoComponent() {}

  static String wat(List<FuncType> functions, List<String> encodings) {
    Scope inner = new Scope(true);
    StringBuilder instance = new StringBuilder();
    for (int i = 0; i < functions.size(); i++) {
      String type = inner.func(functions.get(i), instance);
      instance
          .append("    (export \"f")
          .append(i)
          .append("\" (func (type ")
          .append(type)
          .append(")))\n");
    }
    Scope outer = new Scope(false);
    StringBuilder types = new StringBuilder();
    inner.named.forEach(
        (type, name) -> {
          types
              .append("  (alias export $host \"")
              .append(name.substring(1))
              .append("\" (type ")
              .append(name)
              .append("))\n");
          outer.named.put(type, name);
        });
    List<String> liftTypes = new ArrayList<>();
    for (FuncType f : functions) {
      liftTypes.add(outer.func(f, types));
    }
    StringBuilder lowers = new StringBuilder();
    StringBuilder module = new StringBuilder("  (core module $B\n");
    StringBuilder bodies = new StringBuilder();
    StringBuilder with = new StringBuilder();
    StringBuilder lifts = new StringBuilder();
    for (int i = 0; i < functions.size(); i++) {
      FuncType f = functions.get(i);
      String options =
          "(memory (core memory $a \"memory\")) (realloc (core func $a \"realloc\")) string-encoding="
              + encodings.get(i);
      lowers
          .append("  (alias export $host \"f")
          .append(i)
          .append("\" (func $h")
          .append(i)
          .append("))\n")
          .append("  (core func $l")
          .append(i)
          .append(" (canon lower (func $h")
          .append(i)
          .append(") ")
          .append(options)
          .append("))\n");
      with.append(" (export \"f").append(i).append("\" (func $l").append(i).append("))");
      List<String> params = Flat.params(f);
      List<String> results = Flat.results(f);
      boolean spilled = results.size() > 1;
      List<String> importParams = new ArrayList<>(params);
      if (spilled) {
        importParams.add("i32");
      }
      module
          .append("    (import \"host\" \"f")
          .append(i)
          .append("\" (func $i")
          .append(i)
          .append(signature(importParams, spilled ? List.of() : results))
          .append("))\n");
      bodies
          .append("    (func (export \"f")
          .append(i)
          .append("\")")
          .append(signature(params, spilled ? List.of("i32") : results));
      for (int p = 0; p < params.size(); p++) {
        bodies.append(" local.get ").append(p);
      }
      bodies
          .append(
              spilled
                  ? " i32.const " + RETURN_AREA + " call $i" + i + " i32.const " + RETURN_AREA
                  : " call $i" + i)
          .append(")\n");
      lifts
          .append("  (func $e")
          .append(i)
          .append(" (type ")
          .append(liftTypes.get(i))
          .append(") (canon lift (core func $b \"f")
          .append(i)
          .append("\") ")
          .append(options)
          .append("))\n")
          .append("  (export \"f")
          .append(i)
          .append("\" (func $e")
          .append(i)
          .append("))\n");
    }
    module.append(bodies).append("  )\n");
    return "(component\n"
        + "  (import \"test:fuzz/host\" (instance $host\n"
        + instance
        + "  ))\n"
        + types
        + ALLOCATOR
        + lowers
        + module
        + "  (core instance $b (instantiate $B (with \"host\" (instance"
        + with
        + "))))\n"
        + lifts
        + ")\n";
  }

  /**
   * Memory and a bump allocator above the return area, growing memory as needed; a reallocation
   * (wasmtime shrinks or grows transcoded strings in place) copies the old contents.
   */
  private static final String ALLOCATOR =
      """
        (core module $A
          (memory (export "memory") 2)
          (global $bump (mut i32) (i32.const 65536))
          (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32) (local $end i32)
            global.get $bump local.get 2 i32.add i32.const 1 i32.sub i32.const 0 local.get 2 i32.sub i32.and
            local.tee $p local.get 3 i32.add local.set $end
            (block $ok
              local.get $end memory.size i32.const 16 i32.shl i32.le_u br_if $ok
              local.get $end memory.size i32.const 16 i32.shl i32.sub i32.const 65535 i32.add i32.const 16 i32.shr_u
              memory.grow i32.const -1 i32.ne br_if $ok
              unreachable)
            local.get $end global.set $bump
            (if (local.get 0)
              (then local.get $p local.get 0 local.get 1 local.get 3 local.get 1 local.get 3 i32.lt_u select memory.copy))
            local.get $p))
        (core instance $a (instantiate $A))
      """;

  private static String signature(List<String> params, List<String> results) {
    return (params.isEmpty() ? "" : " (param " + String.join(" ", params) + ")")
        + (results.isEmpty() ? "" : " (result " + String.join(" ", results) + ")");
  }

  /**
   * Type definitions in one scope: the import's instance type (named types exported there) or the
   * component.
   */
  private static final class Scope {
    private final boolean exportsNames;
    final Map<ValType, String> named = new IdentityHashMap<>();
    private int next;

    Scope(boolean exportsNames) {
      this.exportsNames = exportsNames;
    }

    String func(FuncType f, StringBuilder out) {
      String params =
          f.params().stream()
              .map(p -> "(param \"" + p.name() + "\" " + ref(p.type(), out) + ")")
              .collect(Collectors.joining(" "));
      String result = f.result().map(r -> " (result " + ref(r, out) + ")").orElse("");
      String id = "$ft" + next++;
      out.append("    (type ")
          .append(id)
          .append(" (func ")
          .append(params)
          .append(result)
          .append("))\n");
      return id;
    }

    private String ref(ValType type, StringBuilder out) {
      if (type instanceof Primitive p) {
        return p.witName();
      }
      String existing = named.get(type);
      if (existing != null) {
        return existing;
      }
      String body =
          switch (type) {
            case ListType l -> "(list " + ref(l.element(), out) + ")";
            case OptionType o -> "(option " + ref(o.some(), out) + ")";
            case TupleType t ->
                t.types().stream()
                    .map(e -> ref(e, out))
                    .collect(Collectors.joining(" ", "(tuple ", ")"));
            case ResultType r ->
                "(result"
                    + r.ok().map(t -> " " + ref(t, out)).orElse("")
                    + r.err().map(t -> " (error " + ref(t, out) + ")").orElse("")
                    + ")";
            case RecordType r ->
                r.fields().stream()
                    .map(f -> "(field \"" + f.name() + "\" " + ref(f.type(), out) + ")")
                    .collect(Collectors.joining(" ", "(record ", ")"));
            case VariantType v ->
                v.cases().stream()
                    .map(
                        c ->
                            "(case \""
                                + c.name()
                                + "\""
                                + c.type().map(t -> " " + ref(t, out)).orElse("")
                                + ")")
                    .collect(Collectors.joining(" ", "(variant ", ")"));
            case EnumType e ->
                e.cases().stream()
                    .map(c -> "\"" + c + "\"")
                    .collect(Collectors.joining(" ", "(enum ", ")"));
            case FlagsType fl ->
                fl.names().stream()
                    .map(c -> "\"" + c + "\"")
                    .collect(Collectors.joining(" ", "(flags ", ")"));
            default -> throw new IllegalArgumentException("no handles in fuzzed signatures");
          };
      String id = "$t" + next++;
      out.append("    (type ").append(id).append(" ").append(body).append(")\n");
      boolean nominal =
          type instanceof RecordType
              || type instanceof VariantType
              || type instanceof EnumType
              || type instanceof FlagsType;
      if (nominal && exportsNames) {
        String name = "$n" + next++;
        out.append("    (export \"")
            .append(name.substring(1))
            .append("\" (type ")
            .append(name)
            .append(" (eq ")
            .append(id)
            .append(")))\n");
        named.put(type, name);
        return name;
      }
      return id;
    }
  }

  /** Canonical ABI flattening (CanonicalABI.md {@code flatten_functype}), core types only. */
  static final class Flat {
    static final int MAX_PARAMS = 16;

    private Flat() {}

    static List<String> params(FuncType f) {
      List<String> flat = new ArrayList<>();
      f.params().forEach(p -> flat.addAll(of(p.type())));
      return flat.size() > MAX_PARAMS ? List.of("i32") : flat;
    }

    static List<String> results(FuncType f) {
      return f.result().map(Flat::of).orElse(List.of());
    }

    static List<String> of(ValType type) {
      return switch (type) {
        case Primitive p ->
            switch (p) {
              case S64, U64 -> List.of("i64");
              case F32 -> List.of("f32");
              case F64 -> List.of("f64");
              case STRING -> List.of("i32", "i32");
              default -> List.of("i32");
            };
        case ListType l -> List.of("i32", "i32");
        case RecordType r -> r.fields().stream().flatMap(f -> of(f.type()).stream()).toList();
        case TupleType t -> t.types().stream().flatMap(e -> of(e).stream()).toList();
        case VariantType v -> variant(v.cases().stream().map(Case::type).toList());
        case EnumType e -> List.of("i32");
        case FlagsType f -> java.util.Collections.nCopies((f.names().size() + 31) / 32, "i32");
        case OptionType o -> variant(List.of(Optional.empty(), Optional.of(o.some())));
        case ResultType r -> variant(List.of(r.ok(), r.err()));
        default -> throw new IllegalArgumentException("no handles in fuzzed signatures");
      };
    }

    private static List<String> variant(List<Optional<ValType>> cases) {
      List<String> flat = new ArrayList<>();
      for (Optional<ValType> c : cases) {
        if (c.isEmpty()) {
          continue;
        }
        List<String> payload = of(c.get());
        for (int i = 0; i < payload.size(); i++) {
          if (i < flat.size()) {
            flat.set(i, join(flat.get(i), payload.get(i)));
          } else {
            flat.add(payload.get(i));
          }
        }
      }
      flat.addFirst("i32");
      return flat;
    }

    private static String join(String a, String b) {
      if (a.equals(b)) {
        return a;
      }
      if ((a.equals("i32") && b.equals("f32")) || (a.equals("f32") && b.equals("i32"))) {
        return "i32";
      }
      return "i64";
    }
  }
}
