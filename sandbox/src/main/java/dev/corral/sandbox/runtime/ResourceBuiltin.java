package dev.corral.sandbox.runtime;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.types.ResourceType;
import java.util.List;

/**
 * The canonical built-ins {@code resource.new}, {@code resource.rep} and {@code resource.drop}. As
 * the Canonical ABI specifies, {@code resource.new} and {@code resource.drop} trap while the
 * instance may not leave (during realloc or post-return); {@code resource.rep} does not.
 */
record ResourceBuiltin(Kind kind, ResourceType resource, ComponentState instance, Store store)
    implements CoreFunc {

  enum Kind {
    NEW,
    REP,
    DROP
  }

  @Override
  public FunctionType type() {
    return kind == Kind.DROP
        ? FunctionType.of(List.of(ValType.I32), List.of())
        : FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
  }

  @Override
  public long[] call(long... args) throws ComponentTrap {
    int arg = (int) args[0];
    switch (kind) {
      case NEW -> {
        instance.checkMayLeave("resource.new");
        return new long[] {instance.handles.add(new Handle(resource, arg, true, null))};
      }
      case REP -> {
        Handle h = checked(arg);
        return new long[] {h.rep};
      }
      case DROP -> {
        instance.checkMayLeave("resource.drop");
        Handle h = checked(arg);
        if (h.own && h.lends != 0) {
          throw new ComponentTrap("cannot drop handle " + arg + " while it is lent out");
        }
        instance.handles.remove(arg);
        if (h.own) {
          ResourceImpl impl = store.impl(resource);
          if (impl != null) {
            impl.destroy(h.rep, instance);
          }
        } else if (h.scope != null) {
          h.scope.borrowCount--;
        }
        return new long[0];
      }
      default -> throw new IllegalStateException();
    }
  }

  private Handle checked(int index) throws ComponentTrap {
    Handle h = instance.handles.get(index);
    if (h.resource != resource) {
      throw new ComponentTrap(
          "handle " + index + " refers to " + h.resource + ", but " + resource + " was expected");
    }
    return h;
  }
}
