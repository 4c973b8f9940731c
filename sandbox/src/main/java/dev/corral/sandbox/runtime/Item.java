package dev.corral.sandbox.runtime;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.CoreTypeDef;
import dev.corral.sandbox.binary.Sort;
import java.util.Map;

/** One entry of one of a component's index spaces, during instantiation. */
sealed interface Item {
  Sort sort();

  record CoreModuleItem(WasmModule module) implements Item {
    public Sort sort() {
      return Sort.CORE_MODULE;
    }
  }

  record CoreInstanceItem(CoreInstance instance) implements Item {
    public Sort sort() {
      return Sort.CORE_INSTANCE;
    }
  }

  record CoreFuncItem(CoreFunc func) implements Item {
    public Sort sort() {
      return Sort.CORE_FUNC;
    }
  }

  record CoreMemoryItem(Memory memory) implements Item {
    public Sort sort() {
      return Sort.CORE_MEMORY;
    }
  }

  record CoreTableItem(TableInstance table) implements Item {
    public Sort sort() {
      return Sort.CORE_TABLE;
    }
  }

  record CoreGlobalItem(GlobalInstance global) implements Item {
    public Sort sort() {
      return Sort.CORE_GLOBAL;
    }
  }

  record CoreTypeItem(CoreTypeDef type) implements Item {
    public Sort sort() {
      return Sort.CORE_TYPE;
    }
  }

  record FuncItem(ComponentFunction func) implements Item {
    public Sort sort() {
      return Sort.FUNC;
    }
  }

  record TypeItem(TypeValue type) implements Item {
    public Sort sort() {
      return Sort.TYPE;
    }
  }

  record ComponentItem(Component component, Scope scope) implements Item {
    public Sort sort() {
      return Sort.COMPONENT;
    }
  }

  record InstanceItem(Map<String, Item> exports) implements Item {
    public Sort sort() {
      return Sort.INSTANCE;
    }
  }
}
