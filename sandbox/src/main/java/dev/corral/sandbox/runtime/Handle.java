package dev.corral.sandbox.runtime;

import dev.corral.sandbox.types.ResourceType;

/**
 * An entry of a component instance's handle table. {@code lends} counts the calls the handle is
 * currently lent to; {@code scope} is the call a borrow handle belongs to (null for own).
 */
final class Handle {
  final ResourceType resource;
  final int rep;
  final boolean own;
  final CallScope scope;
  int lends;

  Handle(ResourceType resource, int rep, boolean own, CallScope scope) {
    this.resource = resource;
    this.rep = rep;
    this.own = own;
    this.scope = scope;
  }
}
