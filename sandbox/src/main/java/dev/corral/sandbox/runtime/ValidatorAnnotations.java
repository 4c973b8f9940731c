package dev.corral.sandbox.runtime;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;

/**
 * Whether Chicory's validator would change a module's code, not only check it. Chicory 1.7.5's
 * {@code Validator} writes type hints into some instructions as it checks them: {@code drop} and
 * {@code select} of a {@code v128} value, and the heap types of the GC proposal's casts. A module
 * with no {@code v128} in any signature, local or global and no instruction from the GC ({@code
 * 0xFB}), SIMD ({@code 0xFD}) or threads ({@code 0xFE}) opcode spaces holds no such instruction, so
 * parsing it without the validator gives the same module as parsing it with. (The {@code 0xFC}
 * space, bulk memory and saturating truncation, is common and never annotated.)
 */
final class ValidatorAnnotations {
  private static final int GC_PREFIX = 0xFB;
  private static final int SIMD_PREFIX = 0xFD;
  private static final int THREADS_PREFIX = 0xFE;

  private ValidatorAnnotations() {}

  /** Whether validating {@code module} (parsed without validation) could annotate its code. */
  static boolean possible(WasmModule module) {
    for (FunctionType type : module.typeSection().types()) {
      if (type == null || mentionsV128(type.params()) || mentionsV128(type.returns())) {
        return true; // a GC struct or array type, or a v128 signature
      }
    }
    for (Global global : module.globalSection().globals()) {
      if (isV128(global.valueType())) {
        return true;
      }
    }
    for (Import imp : module.importSection().stream().toList()) {
      if (imp instanceof GlobalImport global && isV128(global.type())) {
        return true;
      }
    }
    for (int i = 0; i < module.codeSection().functionBodyCount(); i++) {
      FunctionBody body = module.codeSection().getFunctionBody(i);
      if (mentionsV128(body.localTypes())) {
        return true;
      }
      for (Instruction instruction : body.instructions()) {
        int prefix = instruction.opcode().opcode() >>> 8;
        if (prefix == GC_PREFIX || prefix == SIMD_PREFIX || prefix == THREADS_PREFIX) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean mentionsV128(List<ValType> types) {
    for (ValType type : types) {
      if (isV128(type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isV128(ValType type) {
    return type.opcode() == ValType.ID.V128;
  }
}
