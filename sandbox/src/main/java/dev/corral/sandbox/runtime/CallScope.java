package dev.corral.sandbox.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The bookkeeping of one call across the component boundary: handles lent to the callee (lifted
 * borrows), and borrow handles given to the callee, which it must drop before it returns.
 */
final class CallScope {
  private final List<Handle> lent = new ArrayList<>();
  private final HostHandles outside;
  int borrowCount;

  CallScope(HostHandles outside) {
    this.outside = outside;
  }

  void lend(Handle handle) {
    handle.lends++;
    lent.add(handle);
    outside.lend(handle.resource, handle.rep);
  }

  /** Ends the call: returns lent handles to their owners. */
  void releaseLends() {
    for (Handle h : lent) {
      h.lends--;
      outside.unlend(h.resource, h.rep);
    }
    lent.clear();
  }
}
