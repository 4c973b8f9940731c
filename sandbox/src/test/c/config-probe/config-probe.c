// config-probe: exports wasi:config/store@0.2.0-draft's get and get-all as they answer, with the
// canonical ABI written by hand. An err result from the host traps (Corral's store never fails).
#include <stdint.h>
#include <stdlib.h>

#include "../../../../../sample-tools/common/cabi.h"  // EXPORT, cabi_realloc, release

typedef struct {
  char *ptr;
  size_t len;
} string_t;

typedef struct {
  string_t key;
  string_t value;
} pair_t;

typedef struct {
  pair_t *ptr;
  size_t len;
} pairs_t;

// result<option<string>, error>: discriminant at 0; the option's (or error's) discriminant at 4,
// its string at 8.
typedef struct {
  uint8_t is_err;
  struct {
    uint8_t inner_case;  // option: 1 = some; error: the case
    string_t text;
  } val;
} get_result_t;

// result<list<tuple<string, string>>, error>: discriminant at 0; the list (or the error's
// discriminant and string) from 4.
typedef struct {
  uint8_t is_err;
  union {
    pairs_t ok;
    struct {
      uint8_t error_case;
      string_t message;
    } err;
  } val;
} get_all_result_t;

__attribute__((import_module("wasi:config/store@0.2.0-draft"), import_name("get")))
extern void config_get(char *key, size_t key_len, get_result_t *ret);

__attribute__((import_module("wasi:config/store@0.2.0-draft"), import_name("get-all")))
extern void config_get_all(get_all_result_t *ret);

// option<string>: discriminant at 0, string at 4.
typedef struct {
  uint8_t is_some;
  string_t value;
} option_string_t;

static option_string_t got;

// get: func(key: string) -> option<string>
EXPORT("get")
option_string_t *get(char *key, size_t key_len) {
  get_result_t r;
  config_get(key, key_len, &r);
  release(key);
  if (r.is_err) {
    __builtin_trap();
  }
  got.is_some = r.val.inner_case;
  got.value = r.val.text;
  return &got;
}

EXPORT("cabi_post_get")
void cabi_post_get(option_string_t *o) {
  if (o->is_some) {
    release(o->value.ptr);
  }
}

static pairs_t all;

// get-all: func() -> list<tuple<string, string>>
EXPORT("get-all")
pairs_t *get_all(void) {
  get_all_result_t r;
  config_get_all(&r);
  if (r.is_err) {
    __builtin_trap();
  }
  all = r.val.ok;
  return &all;
}

EXPORT("cabi_post_get-all")
void cabi_post_get_all(pairs_t *list) {
  for (size_t i = 0; i < list->len; i++) {
    release(list->ptr[i].key.ptr);
    release(list->ptr[i].value.ptr);
  }
  release(list->ptr);
}
