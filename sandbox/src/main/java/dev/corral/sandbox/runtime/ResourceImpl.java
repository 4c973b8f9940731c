package dev.corral.sandbox.runtime;

import dev.corral.sandbox.error.ComponentTrap;
import java.util.function.IntConsumer;

/**
 * Who implements a resource type: the component instance that defined it (with its destructor, if
 * any), or the host (with a Java destructor).
 */
record ResourceImpl(ComponentState owner, CoreFunc destructor, IntConsumer hostDestructor) {
  static ResourceImpl guest(ComponentState owner, CoreFunc destructor) {
    return new ResourceImpl(owner, destructor, null);
  }

  static ResourceImpl host(IntConsumer destructor) {
    return new ResourceImpl(null, null, destructor);
  }

  /**
   * Runs the destructor for {@code rep}, dropped by {@code dropper} (null for the host). The
   * implementing instance's own drops call its destructor directly; a drop from elsewhere is a call
   * into the instance: it may not re-enter an active instance, and the instance counts as entered
   * while the destructor runs.
   */
  void destroy(int rep, ComponentState dropper) throws ComponentTrap {
    if (hostDestructor != null) {
      hostDestructor.accept(rep);
    } else if (destructor != null) {
      if (owner == dropper) {
        destructor.call(rep);
        return;
      }
      if (owner.entered) {
        throw new ComponentTrap(
            "cannot run the destructor of a resource of '"
                + owner.name
                + "' while that instance is active");
      }
      owner.entered = true;
      try {
        destructor.call(rep);
      } finally {
        owner.entered = false;
      }
    }
  }
}
