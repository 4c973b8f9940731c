// The config sample tool: reads environment variables through wasi:cli/environment@0.2.3 and
// exports corral:config/env@0.1.0, with the canonical ABI written by hand (see ../README.md).
// Uses wasi-libc only for malloc, qsort and string functions, none of which call WASI, so the
// component's only import is wasi:cli/environment.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cabi.h"

#define IFACE "corral:config/env@0.1.0#"

// ---- canonical ABI support (cabi_realloc and release() are in ../common/cabi.h) ------------

typedef struct {
  char *ptr;
  size_t len;
} string_t;


typedef struct {
  string_t key;
  string_t value;
} variable_t;  // tuple<string, string> and record variable share this layout: size 16, align 4

typedef struct {
  variable_t *ptr;
  size_t len;
} variables_t;

// wasi:cli/environment.get-environment: the list is written to *ret, allocated with cabi_realloc.
__attribute__((import_module("wasi:cli/environment@0.2.3"), import_name("get-environment")))
extern void wasi_get_environment(variables_t *ret);

static variables_t environment(void) {
  variables_t env;
  wasi_get_environment(&env);
  return env;
}

static void free_variables(variables_t list) {
  for (size_t i = 0; i < list.len; i++) {
    release(list.ptr[i].key.ptr);
    release(list.ptr[i].value.ptr);
  }
  release(list.ptr);
}

static string_t copy(const char *bytes, size_t len) {
  char *p = malloc(len + 1);
  memcpy(p, bytes, len);
  return (string_t){p, len};
}

static int equals(string_t s, const char *bytes, size_t len) {
  return s.len == len && memcmp(s.ptr, bytes, len) == 0;
}

static int compare_strings(string_t a, string_t b) {
  int c = memcmp(a.ptr, b.ptr, a.len < b.len ? a.len : b.len);
  return c != 0 ? c : (a.len > b.len) - (a.len < b.len);
}

static int by_key(const void *a, const void *b) {
  return compare_strings(((const variable_t *)a)->key, ((const variable_t *)b)->key);
}

static int by_string(const void *a, const void *b) {
  return compare_strings(*(const string_t *)a, *(const string_t *)b);
}

// ---- get: func(key: string) -> result<string, string> ---------------------------------------

static struct {
  uint8_t is_err;
  string_t payload;
} get_result;  // the canonical ABI layout of result<string, string>: size 12, align 4

EXPORT(IFACE "get")
void *export_get(char *key, size_t key_len) {
  variables_t env = environment();
  get_result.is_err = 1;
  for (size_t i = 0; i < env.len; i++) {
    if (equals(env.ptr[i].key, key, key_len)) {
      get_result.is_err = 0;
      get_result.payload = copy(env.ptr[i].value.ptr, env.ptr[i].value.len);
      break;
    }
  }
  if (get_result.is_err) {
    static const char before[] = "environment variable \"";
    static const char after[] =
        "\" is not set, or the tool's policy does not grant it (permissions.environment.allow)";
    size_t len = sizeof before - 1 + key_len + sizeof after - 1;
    char *message = malloc(len);
    memcpy(message, before, sizeof before - 1);
    memcpy(message + sizeof before - 1, key, key_len);
    memcpy(message + sizeof before - 1 + key_len, after, sizeof after - 1);
    get_result.payload = (string_t){message, len};
  }
  release(key);
  free_variables(env);
  return &get_result;
}

EXPORT("cabi_post_" IFACE "get")
void post_get(void *result) {
  (void)result;
  release(get_result.payload.ptr);
}

// ---- list-keys: func() -> list<string> ------------------------------------------------------

static struct {
  string_t *ptr;
  size_t len;
} keys_result;

EXPORT(IFACE "list-keys")
void *export_list_keys(void) {
  variables_t env = environment();
  string_t *keys = malloc(env.len * sizeof(string_t) + 1);
  for (size_t i = 0; i < env.len; i++) {
    keys[i] = env.ptr[i].key;  // moved: the key is freed by the post-return function
    release(env.ptr[i].value.ptr);
  }
  release(env.ptr);
  qsort(keys, env.len, sizeof(string_t), by_string);
  keys_result.ptr = keys;
  keys_result.len = env.len;
  return &keys_result;
}

EXPORT("cabi_post_" IFACE "list-keys")
void post_list_keys(void *result) {
  (void)result;
  for (size_t i = 0; i < keys_result.len; i++) {
    release(keys_result.ptr[i].ptr);
  }
  release(keys_result.ptr);
}

// ---- with-prefix: func(prefix: string) -> list<variable> --------------------------------------

static variables_t prefix_result;

EXPORT(IFACE "with-prefix")
void *export_with_prefix(char *prefix, size_t prefix_len) {
  variables_t env = environment();
  size_t kept = 0;
  for (size_t i = 0; i < env.len; i++) {
    variable_t v = env.ptr[i];
    if (v.key.len >= prefix_len && memcmp(v.key.ptr, prefix, prefix_len) == 0) {
      env.ptr[kept++] = v;
    } else {
      release(v.key.ptr);
      release(v.value.ptr);
    }
  }
  release(prefix);
  qsort(env.ptr, kept, sizeof(variable_t), by_key);
  prefix_result = (variables_t){env.ptr, kept};
  return &prefix_result;
}

EXPORT("cabi_post_" IFACE "with-prefix")
void post_with_prefix(void *result) {
  (void)result;
  free_variables(prefix_result);
}
