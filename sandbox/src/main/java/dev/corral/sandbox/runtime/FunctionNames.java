package dev.corral.sandbox.runtime;

import dev.corral.sandbox.binary.Alias;
import dev.corral.sandbox.binary.Canon;
import dev.corral.sandbox.binary.Component;
import dev.corral.sandbox.binary.Definition;
import dev.corral.sandbox.binary.ExternDesc;
import dev.corral.sandbox.binary.Sort;
import dev.corral.sandbox.binary.SortIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Names a component-level function for error messages, by the name it is imported, aliased,
 * exported or passed as an instantiation argument under: {@code function 3 ('add')}, {@code
 * function 0 ('test:smoke/imports#thunk')}, or {@code function 5} when it has none.
 */
final class FunctionNames {
  private FunctionNames() {}

  static String describe(Component component, int funcIndex) {
    List<String> funcs = new ArrayList<>();
    List<String> instances = new ArrayList<>();
    for (Definition d : component.definitions()) {
      switch (d) {
        case Definition.Import i when i.desc() instanceof ExternDesc.Func ->
            funcs.add(i.name().name());
        case Definition.Import i when i.desc() instanceof ExternDesc.Instance ->
            instances.add(i.name().name());
        case Definition.Instance i -> instances.add(null);
        case Definition.AliasDef a when a.alias() instanceof Alias.InstanceExport e -> {
          String owner =
              e.instanceIndex() < instances.size() ? instances.get(e.instanceIndex()) : null;
          String name = owner == null ? e.name() : owner + "#" + e.name();
          if (e.sort() == Sort.FUNC) {
            funcs.add(name);
          } else if (e.sort() == Sort.INSTANCE) {
            instances.add(name);
          }
        }
        case Definition.AliasDef a when a.alias().sort() == Sort.FUNC -> funcs.add(null);
        case Definition.AliasDef a when a.alias().sort() == Sort.INSTANCE -> instances.add(null);
        case Definition.CanonDef c when c.canon() instanceof Canon.Lift -> funcs.add(null);
        case Definition.Export e when e.target().sort() == Sort.FUNC -> {
          name(funcs, e.target().index(), e.name().name());
          funcs.add(e.name().name());
        }
        case Definition.Export e when e.target().sort() == Sort.INSTANCE ->
            instances.add(e.name().name());
        default -> {}
      }
    }
    // a lifted function without an export of its own: the name it is bundled or passed under
    for (Definition d : component.definitions()) {
      if (d instanceof Definition.Instance i) {
        switch (i.expr()) {
          case Definition.InstanceExpr.FromExports bundle ->
              bundle.exports().forEach(n -> name(funcs, n.target(), funcIndex, n.name().name()));
          case Definition.InstanceExpr.Instantiate inst ->
              inst.args().forEach(a -> name(funcs, a.target(), funcIndex, a.name()));
        }
      }
    }
    String name = funcIndex < funcs.size() ? funcs.get(funcIndex) : null;
    return "function " + funcIndex + (name == null ? "" : " ('" + name + "')");
  }

  private static void name(List<String> funcs, SortIndex target, int funcIndex, String name) {
    if (target.sort() == Sort.FUNC && target.index() == funcIndex) {
      name(funcs, funcIndex, name);
    }
  }

  private static void name(List<String> funcs, int index, String name) {
    if (index < funcs.size() && funcs.get(index) == null) {
      funcs.set(index, name);
    }
  }
}
