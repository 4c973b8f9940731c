package dev.corral.sandbox.runtime;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.corral.sandbox.types.FuncType;
import java.util.ArrayList;
import java.util.List;

/** Core function types of the canonical ABI. */
final class CoreTypes {
  private CoreTypes() {}

  static ValType of(FlatType t) {
    return switch (t) {
      case I32 -> ValType.I32;
      case I64 -> ValType.I64;
      case F32 -> ValType.F32;
      case F64 -> ValType.F64;
    };
  }

  private static List<ValType> of(List<FlatType> types) {
    return types.stream().map(CoreTypes::of).toList();
  }

  /** The core type of {@code canon lower} of a function with these parameter and result types. */
  static FunctionType lowered(
      List<dev.corral.sandbox.types.ValType> params,
      List<dev.corral.sandbox.types.ValType> results) {
    List<FlatType> flatParams = Layout.flatten(params);
    List<FlatType> flatResults = Layout.flatten(results);
    List<ValType> coreParams =
        new ArrayList<>(
            flatParams.size() > Abi.MAX_FLAT_PARAMS ? List.of(ValType.I32) : of(flatParams));
    List<ValType> coreResults = of(flatResults);
    if (flatResults.size() > Abi.MAX_FLAT_RESULTS) {
      coreParams.add(ValType.I32);
      coreResults = List.of();
    }
    return FunctionType.of(coreParams, coreResults);
  }

  /** The core type {@code canon lift} expects of the core function it lifts. */
  static FunctionType lifted(FuncType type) {
    List<FlatType> flatParams = Layout.flatten(type.params().stream().map(f -> f.type()).toList());
    List<FlatType> flatResults = Layout.flatten(type.result().stream().toList());
    return FunctionType.of(
        flatParams.size() > Abi.MAX_FLAT_PARAMS ? List.of(ValType.I32) : of(flatParams),
        flatResults.size() > Abi.MAX_FLAT_RESULTS ? List.of(ValType.I32) : of(flatResults));
  }

  static FunctionType of(List<ValType> params, List<ValType> results) {
    return FunctionType.of(params, results);
  }
}
