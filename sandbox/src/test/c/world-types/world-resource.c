// world-resource: its world defines a resource at the world level, which wit-component encodes
// as an import the host must implement, `(import "counter" (type (sub resource)))`, with the
// resource's functions as imported functions. Corral's host implements none, so loading it
// fails with a clear error, as in wasmtime without a host definition.
#include <stdint.h>

__attribute__((import_module("$root"), import_name("[method]counter.value")))
extern int32_t counter_value(int32_t self);

// read-counter: func(c: borrow<counter>) -> u32
__attribute__((export_name("read-counter")))
int32_t read_counter(int32_t counter) {
  return counter_value(counter);
}
