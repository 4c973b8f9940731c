// Identity functions for echo.wit, with the canonical ABI written by hand (no wit-bindgen on
// this machine). Arguments arrive flattened; each function writes them back into a static
// return area in the memory layout of its result type and returns its address. Lists and
// strings are returned in place: they already live in this module's memory.
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name("corral:echo/echo@0.1.0#" name)))

extern unsigned char __heap_base;
static uintptr_t heap_top = 0;
static _Alignas(8) uint8_t ret_area[24];

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old_ptr, uint32_t old_size, uint32_t align, uint32_t new_size) {
  (void)old_ptr;
  (void)old_size;
  if (heap_top == 0) {
    heap_top = (uintptr_t)&__heap_base;
  }
  uintptr_t start = (heap_top + align - 1) & ~(uintptr_t)(align - 1);
  uintptr_t end = start + new_size;
  uintptr_t available = __builtin_wasm_memory_size(0) * 65536u;
  if (end > available) {
    uintptr_t pages = (end - available + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, pages) == (uintptr_t)-1) {
      __builtin_trap();
    }
  }
  heap_top = end;
  return (void *)start;
}

static void put32(uint32_t offset, int32_t value) { *(int32_t *)(ret_area + offset) = value; }
static void put64(uint32_t offset, int64_t value) { *(int64_t *)(ret_area + offset) = value; }

// option<string>: flat (disc, ptr, len); layout disc@0, ptr@4, len@8.
EXPORT("echo-option") uint8_t *echo_option(int32_t disc, int32_t ptr, int32_t len) {
  ret_area[0] = (uint8_t)disc;
  if (disc) {
    put32(4, ptr);
    put32(8, len);
  }
  return ret_area;
}

// result<u64, string>: flat (disc, i64 joined, i32); layout disc@0, payload@8.
EXPORT("echo-result") uint8_t *echo_result(int32_t disc, int64_t p1, int32_t p2) {
  ret_area[0] = (uint8_t)disc;
  if (disc == 0) {
    put64(8, p1);
  } else {
    put32(8, (int32_t)p1);
    put32(12, p2);
  }
  return ret_area;
}

static uint8_t *list(int32_t ptr, int32_t len) {
  put32(0, ptr);
  put32(4, len);
  return ret_area;
}

EXPORT("echo-points") uint8_t *echo_points(int32_t ptr, int32_t len) { return list(ptr, len); }
EXPORT("echo-items") uint8_t *echo_items(int32_t ptr, int32_t len) { return list(ptr, len); }
EXPORT("echo-nested") uint8_t *echo_nested(int32_t ptr, int32_t len) { return list(ptr, len); }
EXPORT("echo-bytes") uint8_t *echo_bytes(int32_t ptr, int32_t len) { return list(ptr, len); }

// shape: flat (disc, i64 joined from f64 / i32, i32); layout disc@0, payload@8.
EXPORT("echo-shape") uint8_t *echo_shape(int32_t disc, int64_t p1, int32_t p2) {
  ret_area[0] = (uint8_t)disc;
  if (disc == 0) {
    put64(8, p1);  // the f64's bits
  } else if (disc == 1 || disc == 2) {
    put32(8, (int32_t)p1);
    put32(12, p2);
  }
  return ret_area;
}

// tuple<string, s64, char, f32>: flat (ptr, len, i64, i32, f32); layout 0, 8, 16, 20.
EXPORT("echo-tuple") uint8_t *echo_tuple(int32_t ptr, int32_t len, int64_t n, int32_t c, float f) {
  put32(0, ptr);
  put32(4, len);
  put64(8, n);
  put32(16, c);
  *(float *)(ret_area + 20) = f;
  return ret_area;
}
