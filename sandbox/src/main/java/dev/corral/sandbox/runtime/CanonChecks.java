package dev.corral.sandbox.runtime;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.corral.sandbox.binary.CanonOptions;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.VariantType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The link-time validation of the canonical options of {@code canon lift} and {@code canon lower}
 * (CanonicalABI.md, "canonopt validation", "canon lift", "canon lower"): the signatures of {@code
 * realloc} and {@code post-return}, and the options a function's types require. A violation is a
 * {@link LinkException} naming the function and the option, instead of a trap at call time.
 */
final class CanonChecks {
  private static final FunctionType REALLOC =
      FunctionType.of(
          List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));

  private CanonChecks() {}

  /** Checks the options of {@code canon lift} of {@code function}, whose type is {@code type}. */
  static void lift(Supplier<String> function, FuncType type, ResolvedOptions options)
      throws LinkException {
    Supplier<String> what = () -> "canon lift of " + function.get();
    common(what, options);
    List<dev.corral.sandbox.types.ValType> params =
        type.params().stream().map(Field::type).toList();
    Optional<dev.corral.sandbox.types.ValType> result = type.result();
    if (options.realloc() == null) {
      if (params.stream().anyMatch(CanonChecks::needsMemory)) {
        throw missing(what, "realloc", "to pass its string or list parameters in");
      }
      if (Layout.flatten(params).size() > Abi.MAX_FLAT_PARAMS) {
        throw missing(
            what,
            "realloc",
            "to pass its more than " + Abi.MAX_FLAT_PARAMS + " flat parameters in");
      }
    }
    if (options.memory() == null) {
      if (result.filter(CanonChecks::needsMemory).isPresent()) {
        throw missing(what, "memory", "to read its string or list result");
      }
      if (Layout.flatten(result.stream().toList()).size() > Abi.MAX_FLAT_RESULTS) {
        throw missing(
            what,
            "memory",
            "to read its result, which flattens to more than " + Abi.MAX_FLAT_RESULTS + " value");
      }
    }
    if (options.postReturn() != null) {
      FunctionType expected = FunctionType.of(CoreTypes.lifted(type).returns(), List.of());
      if (!options.postReturn().type().equals(expected)) {
        throw new LinkException(
            what.get()
                + ": option post-return has type "
                + describe(options.postReturn().type())
                + ", but must be "
                + describe(expected)
                + " (the flattened results as parameters, no results)");
      }
    }
  }

  /** Checks the options of {@code canon lower} of {@code function}, whose type is {@code type}. */
  static void lower(
      Supplier<String> function, FuncType type, CanonOptions declared, ResolvedOptions options)
      throws LinkException {
    Supplier<String> what = () -> "canon lower of " + function.get();
    if (declared.postReturn().isPresent()) {
      throw new LinkException(what.get() + ": option post-return is only allowed on canon lift");
    }
    common(what, options);
    List<dev.corral.sandbox.types.ValType> params =
        type.params().stream().map(Field::type).toList();
    Optional<dev.corral.sandbox.types.ValType> result = type.result();
    if (options.memory() == null) {
      if (params.stream().anyMatch(CanonChecks::needsMemory)) {
        throw missing(what, "memory", "to read its string or list parameters");
      }
      if (Layout.flatten(params).size() > Abi.MAX_FLAT_PARAMS) {
        throw missing(
            what, "memory", "to read its more than " + Abi.MAX_FLAT_PARAMS + " flat parameters");
      }
      if (Layout.flatten(result.stream().toList()).size() > Abi.MAX_FLAT_RESULTS) {
        throw missing(
            what,
            "memory",
            "to write its result, which flattens to more than " + Abi.MAX_FLAT_RESULTS + " value");
      }
    }
    if (options.realloc() == null && result.filter(CanonChecks::needsMemory).isPresent()) {
      throw missing(what, "realloc", "to pass its string or list result in");
    }
  }

  private static void common(Supplier<String> what, ResolvedOptions options) throws LinkException {
    if (options.realloc() != null) {
      if (options.memory() == null) {
        throw new LinkException(what.get() + ": option realloc is given without option memory");
      }
      if (!options.realloc().type().equals(REALLOC)) {
        throw new LinkException(
            what.get()
                + ": option realloc has type "
                + describe(options.realloc().type())
                + ", but must be "
                + describe(REALLOC));
      }
    }
  }

  private static LinkException missing(Supplier<String> what, String option, String why) {
    return new LinkException(what.get() + ": option " + option + " is required " + why);
  }

  /** Whether lifting or lowering a value of {@code type} goes through linear memory. */
  static boolean needsMemory(dev.corral.sandbox.types.ValType type) {
    return switch (type) {
      case Primitive p -> p == Primitive.STRING;
      case ListType l -> !l.isFixed() || needsMemory(l.element());
      case RecordType r -> r.fields().stream().anyMatch(f -> needsMemory(f.type()));
      case TupleType t -> t.types().stream().anyMatch(CanonChecks::needsMemory);
      case VariantType v ->
          v.cases().stream().anyMatch(c -> c.type().filter(CanonChecks::needsMemory).isPresent());
      case OptionType o -> needsMemory(o.some());
      case ResultType r ->
          r.ok().filter(CanonChecks::needsMemory).isPresent()
              || r.err().filter(CanonChecks::needsMemory).isPresent();
      default -> false;
    };
  }

  /** {@code (i32, i32) -> i32}, {@code (i32) -> ()}. */
  static String describe(FunctionType type) {
    String params =
        type.params().stream().map(CanonChecks::name).collect(Collectors.joining(", ", "(", ")"));
    List<ValType> returns = type.returns();
    String results =
        returns.size() == 1
            ? name(returns.get(0))
            : returns.stream().map(CanonChecks::name).collect(Collectors.joining(", ", "(", ")"));
    return params + " -> " + results;
  }

  private static String name(ValType t) {
    return t.toString().toLowerCase(Locale.ROOT);
  }
}
