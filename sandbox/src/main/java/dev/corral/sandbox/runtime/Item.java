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
  /** The index space this item belongs to. */
  default Sort sort() {
    return switch (this) {
      case CoreModuleItem c -> Sort.CORE_MODULE;
      case CoreInstanceItem c -> Sort.CORE_INSTANCE;
      case CoreFuncItem c -> Sort.CORE_FUNC;
      case CoreMemoryItem c -> Sort.CORE_MEMORY;
      case CoreTableItem c -> Sort.CORE_TABLE;
      case CoreGlobalItem c -> Sort.CORE_GLOBAL;
      case CoreTypeItem c -> Sort.CORE_TYPE;
      case FuncItem f -> Sort.FUNC;
      case TypeItem t -> Sort.TYPE;
      case ComponentItem c -> Sort.COMPONENT;
      case InstanceItem i -> Sort.INSTANCE;
    };
  }

  record CoreModuleItem(WasmModule module) implements Item {}

  record CoreInstanceItem(CoreInstance instance) implements Item {}

  record CoreFuncItem(CoreFunc func) implements Item {}

  record CoreMemoryItem(Memory memory) implements Item {}

  record CoreTableItem(TableInstance table) implements Item {}

  record CoreGlobalItem(GlobalInstance global) implements Item {}

  record CoreTypeItem(CoreTypeDef type) implements Item {}

  record FuncItem(ComponentFunction func) implements Item {}

  record TypeItem(TypeValue type) implements Item {}

  record ComponentItem(Component component, Scope scope) implements Item {}

  record InstanceItem(Map<String, Item> exports) implements Item {}
}
