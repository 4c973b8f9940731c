package dev.corral.sandbox.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import java.util.HashMap;
import java.util.Map;

/** A core instance: a real Chicory instance of a module, or a bundle of named core items. */
sealed interface CoreInstance {
  /** The item exported under {@code name}, or null. */
  Item export(String name);

  /** An instantiated core module. */
  final class Real implements CoreInstance {
    private final Instance instance;
    private final Map<String, Export> exports = new HashMap<>();
    private final Map<String, Item> items = new HashMap<>();

    Real(Instance instance, WasmModule module) {
      this.instance = instance;
      ExportSection section = module.exportSection();
      for (int i = 0; i < section.exportCount(); i++) {
        Export e = section.getExport(i);
        exports.put(e.name(), e);
      }
    }

    Instance instance() {
      return instance;
    }

    @Override
    public Item export(String name) {
      Item cached = items.get(name);
      if (cached != null) {
        return cached;
      }
      Export e = exports.get(name);
      if (e == null) {
        return null;
      }
      Item item =
          switch (e.exportType()) {
            case FUNCTION -> new Item.CoreFuncItem(ExportedCoreFunc.of(instance, name));
            case MEMORY -> new Item.CoreMemoryItem(instance.memory(e.index()));
            case TABLE -> new Item.CoreTableItem(instance.table(e.index()));
            case GLOBAL -> new Item.CoreGlobalItem(instance.global(e.index()));
            case TAG -> null;
          };
      if (item != null) {
        items.put(name, item);
      }
      return item;
    }
  }

  /** Core items gathered under names ({@code (core instance (export ...)*)}). */
  record Bundle(Map<String, Item> exports) implements CoreInstance {
    @Override
    public Item export(String name) {
      return exports.get(name);
    }
  }
}
