package dev.corral.sandbox.runtime;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.Definition;
import java.util.IdentityHashMap;
import java.util.Map;

/** The parsed core modules of a component and of every component nested in it. */
final class CoreModuleCache {
  private final Map<Definition.CoreModule, WasmModule> modules;

  private CoreModuleCache(Map<Definition.CoreModule, WasmModule> modules) {
    this.modules = modules;
  }

  /** Parses and validates every core module once. */
  static CoreModuleCache parseAll(Component component) throws LinkException {
    Map<Definition.CoreModule, WasmModule> modules = new IdentityHashMap<>();
    collect(component, modules);
    return new CoreModuleCache(modules);
  }

  private static void collect(Component component, Map<Definition.CoreModule, WasmModule> out)
      throws LinkException {
    for (Definition d : component.definitions()) {
      if (d instanceof Definition.CoreModule m) {
        out.put(m, parse(m));
      } else if (d instanceof Definition.NestedComponent n) {
        collect(n.component(), out);
      }
    }
  }

  private static WasmModule parse(Definition.CoreModule m) throws LinkException {
    try {
      return Parser.parse(EmptyImportNames.patch(m.bytes()));
    } catch (RuntimeException | StackOverflowError e) {
      throw new LinkException(
          "core module at byte offset " + m.offset() + " is invalid: " + e.getMessage(), e);
    }
  }

  WasmModule get(Definition.CoreModule module) {
    return modules.get(module);
  }
}
