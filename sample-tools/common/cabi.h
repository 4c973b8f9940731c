// Canonical ABI support shared by the C sample tools: the export attribute, cabi_realloc (the
// allocator the host calls to hand strings and lists to the guest) and release(). Each tool is a
// single translation unit that includes this header once.
#ifndef CORRAL_SAMPLES_CABI_H
#define CORRAL_SAMPLES_CABI_H

#include <stddef.h>
#include <stdlib.h>

#define EXPORT(name) __attribute__((export_name(name)))

// cabi_realloc answers a request for 0 bytes with this address, which release() ignores.
static char empty_allocation;

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align;  // malloc's 16-byte alignment covers every canonical ABI type
  if (new_size == 0) {
    return &empty_allocation;
  }
  void *p = realloc(old == &empty_allocation ? NULL : old, new_size);
  if (p == NULL) {
    __builtin_trap();
  }
  return p;
}

// Frees memory from malloc or cabi_realloc.
static void release(void *p) {
  if (p != &empty_allocation) {
    free(p);
  }
}

#endif
