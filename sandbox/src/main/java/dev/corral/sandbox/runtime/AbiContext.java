package dev.corral.sandbox.runtime;

import com.dylibso.chicory.runtime.Memory;
import dev.corral.sandbox.binary.StringEncoding;

/**
 * What lifting and lowering need for one call: the options of the canon definition (memory, string
 * encoding, realloc), the component instance on the guest side, the call's scope, and the budget
 * lifting out of guest memory charges.
 */
record AbiContext(
    Memory memory,
    StringEncoding encoding,
    CoreFunc realloc,
    ComponentState instance,
    CallScope scope,
    Store store,
    LiftBudget budget) {}
